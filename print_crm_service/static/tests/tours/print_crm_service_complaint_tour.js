/** @odoo-module **/
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import {registry} from "@web/core/registry";

// A 1×1 PNG: the customer's photo of the fault.
const PNG_BASE64 =
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

// On a phone (390 × 844) no service page scrolls sideways.
function fitsTheScreen(page) {
    return {
        content: `${page}: nothing wider than the screen`,
        trigger: "body",
        run() {
            const width = document.documentElement.scrollWidth;
            if (width > window.innerWidth) {
                throw new Error(`${page} scrolls sideways: ${width}px for ${window.innerWidth}px`);
            }
        },
    };
}

// Part 1: the customer complains about a job from its page, with a photo.
registry.category("web_tour.tours").add("print_crm_service_complaint_tour", {
    url: "/my/print_jobs",
    steps: () => [
        {
            content: "Open the job",
            trigger: ".o_print_job_list tr:contains(Harbour catalogue) a.o_print_job_card_title",
            run: "click",
        },
        fitsTheScreen("The job's page"),
        {
            content: "Say what is wrong",
            trigger: ".o_print_complaint_form input[name=title]",
            run: "edit Colours too dark",
        },
        {
            content: "Describe it",
            trigger: ".o_print_complaint_form textarea[name=description]",
            run: "edit Page 4 is much darker than the approved proof.",
        },
        {
            content: "Attach a photo",
            trigger: ".o_print_complaint_form input[name=photos]",
            run() {
                const png = Uint8Array.from(atob(PNG_BASE64), (char) => char.charCodeAt(0));
                const transfer = new DataTransfer();
                transfer.items.add(new File([png], "page4.png", {type: "image/png"}));
                this.anchor.files = transfer.files;
                this.anchor.dispatchEvent(new Event("change", {bubbles: true}));
            },
        },
        {
            content: "Ask for a reprint",
            trigger: ".o_print_complaint_form select[name=remedy]",
            run: "select reprint",
        },
        {
            content: "File the complaint",
            trigger: ".o_print_complaint_form button[type=submit]",
            run: "click",
        },
        {
            content: "The ticket's page shows its first step",
            trigger: ".o_print_ticket_step[data-step=new]",
        },
        fitsTheScreen("The ticket's page"),
    ],
});

// Part 2 (after the desk routed it and the department resolved it): the customer confirms
// being satisfied.
registry.category("web_tour.tours").add("print_crm_service_satisfied_tour", {
    url: "/my/tickets",
    steps: () => [
        {
            content: "Open the complaint",
            trigger: "a:contains(Colours too dark)",
            run: "click",
        },
        {
            content: "The steps say it was resolved",
            trigger: ".o_print_ticket_step[data-step=resolved]",
        },
        fitsTheScreen("The resolved ticket"),
        {
            content: "Confirm satisfaction",
            trigger: ".o_print_ticket_answer button.o_print_ticket_satisfied",
            run: "click",
        },
        {
            content: "The ticket says the customer is satisfied",
            trigger: ".o_print_ticket_step[data-step=satisfied]",
        },
    ],
});

// On a phone: the customer chooses delivery for a ready job, then rates a delivered one.
registry.category("web_tour.tours").add("print_crm_service_delivery_phone_tour", {
    url: "/my/print_jobs",
    steps: () => [
        {
            content: "Open the ready job",
            trigger: ".o_print_job_list tr:contains(Harbour catalogue) a.o_print_job_card_title",
            run: "click",
        },
        {
            content: "The delivery choice is offered",
            trigger: ".o_print_delivery_form",
        },
        fitsTheScreen("The ready job's page"),
        {
            content: "Choose a delivery",
            trigger: ".o_print_delivery_form label[for=print_delivery_method_delivery]",
            run: "click",
        },
        {
            content: "To the warehouse",
            trigger: ".o_print_delivery_form select[name=address_id]",
            run: "selectByLabel Harbour Books warehouse",
        },
        {
            content: "Paid on account",
            trigger: ".o_print_delivery_form label[for=print_delivery_payment_on_account]",
            run: "click",
        },
        {
            content: "Confirm",
            trigger: ".o_print_delivery_form button[type=submit]",
            run: "click",
        },
        {
            content: "The choice is confirmed",
            trigger: ".o_print_delivery_saved",
        },
        fitsTheScreen("The confirmed choice"),
        {
            content: "Back to the jobs",
            trigger: "body",
            run: "goToUrl /my/print_jobs",
        },
        {
            content: "Open the delivered job",
            trigger: ".o_print_job_list tr:contains(Harbour price list) a.o_print_job_card_title",
            run: "click",
        },
        {
            content: "Rate it 5",
            trigger: ".o_print_feedback_form label[for=print_feedback_rating_5]",
            run: "click",
        },
        fitsTheScreen("The feedback form"),
        {
            content: "Say why",
            trigger: ".o_print_feedback_form textarea[name=comment]",
            run: "edit Perfect colours, on time.",
        },
        {
            content: "Send",
            trigger: ".o_print_feedback_form button[type=submit]",
            run: "click",
        },
        {
            content: "The opinion is shown",
            trigger: ".o_print_feedback_given:contains(5 - Very satisfied)",
        },
    ],
});
