/** @odoo-module **/
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import {registry} from "@web/core/registry";

// A distributor requests a quote for one of its end customers, sees its trade price on the
// priced estimate, accepts it, and follows the job. Three tours: between them the shop
// prices the request, then confirms the order (tests/test_channel_tour.py).

// The trade price the shop priced, as the test formats it: given in the start URL of the
// accept tour (?price=...), kept for the pages that follow.
const PRICE_KEY = "print_crm_channel_tour_price";

function checkPrice(anchor, where) {
    const expected = sessionStorage.getItem(PRICE_KEY);
    const shown = anchor.textContent.replace(/\s+/g, " ");
    if (!expected || !shown.includes(expected)) {
        throw new Error(`${where}: expected the trade price ${expected}, the page shows "${shown}"`);
    }
}

registry.category("web_tour.tours").add("print_crm_channel_request_tour", {
    url: "/my",
    steps: () => [
        {
            content: "Open the print quote request from the portal home",
            trigger: "a[href='/my/print_quote']",
            run: "click",
        },
        {
            content: "Choose the posters",
            trigger: ".o_print_quote_product[data-product='Channel Posters']",
            run: "click",
        },
        {
            content: "Pick the end customer the posters are for",
            trigger: "select[name='print_end_customer_id']",
            run: "selectByLabel Golden Gate Coffee Roasters",
        },
        {
            content: "Name the job",
            trigger: "input[name='title']",
            run: "edit Café loyalty posters",
        },
        {
            content: "Ask for two quantities",
            trigger: "input[name='quantities']",
            run: "edit 500, 1000",
        },
        {
            content: "Request the quote",
            trigger: ".o_print_quote_request",
            run: "click",
        },
        {
            content: "The request is sent to the estimators",
            trigger: ".o_print_quote_thanks",
        },
    ],
});

// No url: the tour runs on the test's start URL, /my/print_estimates?price=...
registry.category("web_tour.tours").add("print_crm_channel_accept_tour", {
    steps: () => [
        {
            content: "Keep the trade price the shop priced",
            trigger: ".o_portal_my_doc_table, table",
            run() {
                const price = new URLSearchParams(window.location.search).get("price");
                if (price) {
                    sessionStorage.setItem(PRICE_KEY, price);
                }
            },
        },
        {
            content: "Open the priced estimate from the list",
            trigger: "tr:contains(Café loyalty posters) a[href*='/my/print_estimates/']",
            run: "click",
        },
        {
            content: "The estimate is for the end customer",
            trigger: ".o_print_channel_end_customer:contains(Golden Gate Coffee Roasters)",
        },
        {
            content: "Its prices are trade prices, with the suggested retail price beside them",
            trigger: ".o_print_estimate_breaks thead:has(.o_print_trade_label) .o_print_retail_head",
        },
        {
            content: "The distributor sees its trade price for 1,000 posters",
            trigger: ".o_print_estimate_breaks tr[data-quantity='1000']",
            run() {
                checkPrice(this.anchor, "Estimate");
            },
        },
        {
            content: "Accept 1,000 posters",
            trigger: "tr[data-quantity='1000'] .o_print_estimate_accept",
            run: "click",
        },
        {
            content: "The quotation shows the copies",
            trigger: "#portal_sale_content tr:has(.o_print_copies:contains(1,000 copies))",
            run() {
                checkPrice(this.anchor, "Quotation");
            },
        },
    ],
});

registry.category("web_tour.tours").add("print_crm_channel_follow_tour", {
    url: "/my",
    steps: () => [
        {
            content: "Open the production jobs from the portal home",
            trigger: ".o_portal_index_card a[href='/my/print_jobs']",
            run: "click",
        },
        {
            content: "Open the job of the posters",
            trigger: ".o_print_job_list tr:contains(Café loyalty posters) a",
            run: "click",
        },
        {
            content: "The timeline shows where the job stands",
            trigger: ".o_print_job_timeline .o_print_job_step_current",
        },
        {
            content: "The steps still to come follow it",
            trigger: ".o_print_job_timeline .o_print_job_step_todo:contains(Delivered)",
        },
    ],
});
