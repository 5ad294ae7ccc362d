/** @odoo-module **/
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import {registry} from "@web/core/registry";

// The dispatcher opens the queue: the overdue complaint is on top, in red. It is assigned
// to Leader Li of its department from the list, then shows in Leader Li's column of the
// kanban, whose card opens the ticket.
registry.category("web_tour.tours").add("print_crm_dispatch", {
    steps: () => [
        {
            content: "The overdue ticket is the first line, in red",
            trigger: ".o_list_view .o_data_row:first-child.text-danger:contains(Banding on the cover)",
        },
        {
            content: "Select it",
            trigger: ".o_list_view .o_data_row:first-child .o_list_record_selector input",
            run: "click",
        },
        {
            content: "Assign it",
            trigger: ".o_control_panel button[name=action_print_assign]",
            run: "click",
        },
        {
            content: "To Leader Li",
            trigger: ".modal .o_field_widget[name=user_id] input",
            run: "edit Leader",
        },
        {
            content: "Choose Leader Li",
            trigger: ".modal .o_field_widget[name=user_id] .o-autocomplete--dropdown-item:contains(Leader Li)",
            run: "click",
        },
        {
            content: "Confirm",
            trigger: ".modal button[name=action_confirm]",
            run: "click",
        },
        {
            content: "The line is Leader Li's now",
            trigger:
                ".o_list_view .o_data_row:first-child:contains(Banding on the cover):contains(Leader Li)",
        },
        {
            content: "See the work per person",
            trigger: ".o_switch_view.o_kanban",
            run: "click",
        },
        {
            content: "In Leader Li's column",
            trigger:
                ".o_kanban_group:contains(Leader Li) .o_kanban_record:contains(Banding on the cover)",
            run: "click",
        },
        {
            content: "The card opens the ticket",
            trigger: ".o_form_view .o_field_widget[name=name] input:value(Banding on the cover)",
        },
    ],
});
