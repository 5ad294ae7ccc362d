/** @odoo-module **/
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import {registry} from "@web/core/registry";

// A service user (no rights on surveys) opens Service ▸ Reporting ▸ Questionnaire
// Answers: the pivot by questionnaire, the period and event filters (their domains are
// evaluated in the browser), the group by region, then the list of the answers.
registry.category("web_tour.tours").add("print_crm_service_answer_analysis_tour", {
    steps: () => [
        {
            content: "The questionnaire answers open on their pivot, by questionnaire",
            trigger: ".o_action_manager .o_pivot_view .o_pivot_header_cell_closed:contains(After your delivery (test))",
        },
        {
            content: "Open the filters",
            trigger: ".o_searchview_dropdown_toggler",
            run: "click",
        },
        {
            content: "Filter on Last Quarter",
            trigger: ".o_filter_menu .o_menu_item:contains(Last Quarter)",
            run: "click",
        },
        {
            content: "The filter applies",
            trigger: ".o_searchview_facet:contains(Last Quarter)",
        },
        {
            content: "... or This Month",
            trigger: ".o_filter_menu .o_menu_item:contains(This Month)",
            run: "click",
        },
        {
            content: "Both apply",
            trigger: ".o_searchview_facet:contains(This Month)",
        },
        {
            content: "After a delivery only",
            trigger: ".o_filter_menu .o_menu_item:contains(After a Delivery)",
            run: "click",
        },
        {
            content: "The event filter applies",
            trigger: ".o_searchview_facet:contains(After a Delivery)",
        },
        {
            content: "Group by service region",
            trigger: ".o_group_by_menu .o_menu_item:contains(Service Region)",
            run: "click",
        },
        {
            content: "The grouping applies",
            trigger: ".o_searchview_facet:contains(Service Region)",
        },
        {
            content: "The list",
            trigger: ".o_switch_view.o_list",
            run: "click",
        },
        {
            content: "The answers are listed by region, with their questionnaire",
            trigger: ".o_list_view .o_group_name:contains(East China (test))",
            run: "click",
        },
        {
            content: "The East answer shows its questionnaire",
            trigger: ".o_list_view .o_data_row td[name=survey_id]:contains(After your delivery (test))",
        },
    ],
});
