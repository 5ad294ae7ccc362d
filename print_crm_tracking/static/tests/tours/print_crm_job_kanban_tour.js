/** @odoo-module **/
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import {registry} from "@web/core/registry";

// A production user opens the jobs kanban, moves a job on with its Next button and
// opens it to see the move in its timeline.
registry.category("web_tour.tours").add("print_crm_job_kanban_tour", {
    url: "/odoo/action-print_crm_tracking.print_job_action",
    steps: () => [
        {
            content: "The job waits in Received",
            trigger: ".o_kanban_group:has(.o_column_title:contains(Received)) .o_kanban_record:contains(Kanban tour flyer)",
        },
        {
            content: "Move it on with Next",
            trigger: ".o_kanban_record:contains(Kanban tour flyer) button[name=action_next_stage]",
            run: "click",
        },
        {
            content: "It is now in Prepress",
            trigger: ".o_kanban_group:has(.o_column_title:contains(Prepress)) .o_kanban_record:contains(Kanban tour flyer)",
            run: "click",
        },
        {
            content: "Its timeline lists the move",
            trigger: ".o_form_view .o_field_one2many[name=history_ids] .o_data_row:contains(Prepress)",
        },
    ],
});
