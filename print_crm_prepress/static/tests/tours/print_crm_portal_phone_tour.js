/** @odoo-module **/
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import {registry} from "@web/core/registry";

// On a phone (390 × 844), no page of the customer's jobs and proofs scrolls sideways.
function fitsTheScreen(page) {
    return {
        content: `${page}: nothing wider than the screen`,
        trigger: "body",
        run() {
            const width = document.documentElement.scrollWidth;
            if (width > window.innerWidth || width > 390) {
                throw new Error(`${page} scrolls sideways: ${width}px for ${window.innerWidth}px`);
            }
        },
    };
}

function tapTargetsAreLarge(selector) {
    return {
        content: `${selector}: tap targets of at least 44 px`,
        trigger: selector,
        run() {
            for (const element of document.querySelectorAll(selector)) {
                const height = element.getBoundingClientRect().height;
                if (height && height < 44) {
                    throw new Error(`${selector} is ${height}px high: ${element.outerHTML}`);
                }
            }
        },
    };
}

registry.category("web_tour.tours").add("print_crm_portal_phone_tour", {
    url: "/my/print_jobs",
    steps: () => [
        {
            content: "The jobs are listed as cards",
            trigger: ".o_print_job_list .o_print_job_card_title",
        },
        fitsTheScreen("The jobs list"),
        tapTargetsAreLarge(".o_print_job_list a"),
        {
            content: "Open the job",
            trigger: ".o_print_job_list tr:contains(Harbour catalogue) a.o_print_job_card_title",
            run: "click",
        },
        {
            content: "The job's page",
            trigger: ".o_print_job_portal .o_print_job_status",
        },
        fitsTheScreen("The job's page"),
        {
            content: "Go to the proofs",
            trigger: "body",
            run: "goToUrl /my/proofs",
        },
        {
            content: "The proofs are listed as cards naming job and round",
            trigger: ".o_print_proof_list .o_print_proof_card_title:contains(Harbour catalogue)",
        },
        fitsTheScreen("The proofs list"),
        tapTargetsAreLarge(".o_print_proof_list a"),
        {
            content: "Open the round",
            trigger: ".o_print_proof_list a:contains(Harbour catalogue)",
            run: "click",
        },
        {
            content: "The PDF opens without its thumbnails",
            trigger: ".o_print_proof_file iframe.o_print_proof_viewer[src*='pagemode=none']",
        },
        fitsTheScreen("The proof's page"),
        tapTargetsAreLarge(".o_print_proof_portal .btn"),
    ],
});
