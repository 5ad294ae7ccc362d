/** @odoo-module **/
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import {registry} from "@web/core/registry";

// A portal customer goes from its portal home to its production jobs and opens the
// timeline of the job that is being printed.
registry.category("web_tour.tours").add("print_crm_job_timeline_tour", {
    url: "/my",
    steps: () => [
        {
            content: "Open the production jobs from the portal home",
            trigger: ".o_portal_index_card a[href='/my/print_jobs']",
            run: "click",
        },
        {
            content: "Open the job being printed",
            trigger: ".o_print_job_list tr:contains(Tour brochure) a",
            run: "click",
        },
        {
            content: "The timeline shows the current step in the customer's words",
            trigger: ".o_print_job_timeline .o_print_job_step_current:contains(Printing)",
        },
        {
            content: "The steps still to come follow it",
            trigger: ".o_print_job_timeline .o_print_job_step_todo:contains(Delivered)",
        },
    ],
});
