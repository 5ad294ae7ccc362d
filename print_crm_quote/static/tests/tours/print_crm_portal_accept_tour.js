/** @odoo-module **/
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import {registry} from "@web/core/registry";

// A portal customer accepts 1,000 copies of an estimate, then finds the quotation it made in
// its Quotations list and counter, with the copies as the line's quantity.
registry.category("web_tour.tours").add("print_crm_portal_accept_tour", {
    url: "/my/print_estimates",
    steps: () => [
        {
            content: "Open the estimate from the list",
            trigger: "tr:contains(Leaflet A) a[href*='/my/print_estimates/']",
            run: "click",
        },
        {
            content: "Accept 1,000 copies",
            trigger: "tr[data-quantity='1000'] .o_print_estimate_accept",
            run: "click",
        },
        {
            content: "The quotation shows the copies as the quantity",
            trigger: "#portal_sale_content .o_print_copies:contains(1,000 copies)",
        },
        {
            content: "Back to the portal home",
            trigger: ".o_portal_submenu a[href='/my/home']",
            run: "click",
        },
        {
            content: "The Quotations counter counts it",
            trigger: "a[href='/my/quotes'] [data-placeholder_count='quotation_count']:contains(1)",
        },
        {
            content: "Open the quotations",
            trigger: "a[href='/my/quotes']",
            run: "click",
        },
        {
            content: "The quotation is listed",
            trigger: "table a[href*='/my/orders/']",
            run: "click",
        },
        {
            content: "It opens on the same copies",
            trigger: "#portal_sale_content .o_print_copies:contains(1,000 copies)",
        },
    ],
});
