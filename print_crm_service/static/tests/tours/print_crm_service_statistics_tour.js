/** @odoo-module **/
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import {registry} from "@web/core/registry";

// Service staff open the statistics under Service ▸ Reporting and use the period filters
// (their domains are evaluated in the browser), then find the scorecard's XLSX button.
function periodSteps(thisMonth, lastQuarter) {
    return [
        {
            content: "Open the filters",
            trigger: ".o_searchview_dropdown_toggler",
            run: "click",
        },
        {
            content: `Filter on ${lastQuarter}`,
            trigger: `.o_filter_menu .o_menu_item:contains(${lastQuarter})`,
            run: "click",
        },
        {
            content: "The filter applies",
            trigger: `.o_searchview_facet:contains(${lastQuarter})`,
        },
        {
            content: `... or ${thisMonth}`,
            trigger: `.o_filter_menu .o_menu_item:contains(${thisMonth})`,
            run: "click",
        },
        {
            content: "Both apply",
            trigger: `.o_searchview_facet:contains(${thisMonth})`,
        },
    ];
}

registry.category("web_tour.tours").add("print_crm_service_statistics_tour", {
    steps: () => [
        {
            content: "The ticket analysis opens on its pivot",
            trigger: ".o_action_manager .o_pivot_view",
        },
        ...periodSteps("Filed This Month", "Filed Last Quarter"),
        {
            content: "Its graph",
            trigger: ".o_switch_view.o_graph",
            run: "click",
        },
        {
            content: "The graph is drawn",
            trigger: ".o_graph_view .o_graph_renderer",
        },
    ],
});

registry.category("web_tour.tours").add("print_crm_service_scorecard_tour", {
    steps: () => [
        {
            content: "The scorecard opens on its pivot",
            trigger: ".o_action_manager .o_pivot_view",
        },
        ...periodSteps("This Month", "Last Quarter"),
        {
            content: "Its list",
            trigger: ".o_switch_view.o_list",
            run: "click",
        },
        {
            content: "The workbook's button is there",
            trigger: ".o_list_view button[name=action_print_scorecard_xlsx]",
        },
    ],
});
