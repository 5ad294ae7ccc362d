/** @odoo-module **/
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import {registry} from "@web/core/registry";

// The service desk takes a call: a fragment of the caller's mobile number finds Mei Lin of
// Harbour Books with the customer's jobs and open tickets; a ticket about the job is
// opened prefilled and saved.
registry.category("web_tour.tours").add("print_crm_call_desk", {
    steps: () => [
        {
            content: "Type a fragment of the caller's number, as the caller says it",
            trigger: ".o_print_call_desk .o_field_widget[name=query] input",
            run: "edit 5555 0101 && press Enter",
        },
        {
            content: "The caller's customer appears",
            trigger: ".o_print_call_desk .o_field_widget[name=customer_id]:contains(Harbour Books Ltd)",
        },
        {
            content: "... with the person calling",
            trigger: ".o_print_call_desk .o_field_widget[name=contact_id]:contains(Mei Lin)",
        },
        {
            content: "... and the customer's job with its stage",
            trigger: ".o_print_call_desk .o_field_widget[name=job_ids] .o_data_row:contains(JOB/)",
        },
        {
            content: "Open the tickets",
            trigger: ".o_print_call_desk .o_notebook .nav-link:contains(Open Tickets)",
            run: "click",
        },
        {
            content: "The open ticket is there",
            trigger:
                ".o_print_call_desk .o_field_widget[name=ticket_ids] .o_data_row:contains(Colours too dark)",
        },
        {
            content: "The call is about the job",
            trigger: ".o_print_call_desk .o_field_widget[name=job_id] input",
            run: "edit JOB",
        },
        {
            content: "Choose it",
            trigger: ".o_field_widget[name=job_id] .o-autocomplete--dropdown-item:contains(JOB/)",
            run: "click",
        },
        {
            content: "Open a new ticket",
            trigger: ".o_print_call_desk button[name=action_new_ticket]",
            run: "click",
        },
        {
            content: "The ticket is the caller's, from the hotline",
            trigger: ".o_form_view .o_field_widget[name=channel_id] input",
            run() {
                const form = this.anchor.closest(".o_form_view");
                const partner = form.querySelector(".o_field_widget[name=partner_id] input");
                if (this.anchor.value !== "Hotline" || !partner.value.includes("Mei Lin")) {
                    throw new Error(`Not prefilled: ${partner.value}, ${this.anchor.value}`);
                }
            },
        },
        {
            content: "It is a complaint",
            trigger: ".o_form_view .o_field_widget[name=type_id] input",
            run: "edit Complaint",
        },
        {
            content: "Choose the type",
            trigger: ".o_field_widget[name=type_id] .o-autocomplete--dropdown-item:contains(Complaint)",
            run: "click",
        },
        {
            content: "The caller's number is on the ticket",
            trigger: ".o_form_view .o_field_widget[name=print_partner_phone] input:value(+852 5555 0101)",
        },
        {
            content: "Title",
            trigger: ".o_form_view .o_field_widget[name=name] input",
            run: "edit Brochures not arrived",
        },
        {
            content: "What the caller says",
            trigger: ".o_form_view .o_field_widget[name=description] .odoo-editor-editable",
            run: "editor The brochures promised for Monday have not arrived.",
        },
        {
            content: "Save",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_breadcrumb .active:contains(Brochures not arrived)",
        },
    ],
});
