/** @odoo-module **/
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import {registry} from "@web/core/registry";

// A portal customer requests a flyer, sees its instant prices and orders 500.
registry.category("web_tour.tours").add("print_crm_portal_quote_tour", {
    url: "/my",
    steps: () => [
        {
            content: "Open the print quote request from the portal home",
            trigger: "a[href='/my/print_quote']",
            run: "click",
        },
        {
            content: "Choose the instant flyer",
            trigger: ".o_print_quote_product[data-product='Tour Flyer']",
            run: "click",
        },
        {
            content: "The prices of every quantity show at once",
            trigger: ".o_print_quote_prices tr[data-quantity='1000']",
        },
        {
            content: "Order 500 copies",
            trigger: ".o_print_quote_prices tr[data-quantity='500'] .o_print_quote_order",
            run: "click",
        },
        {
            content: "The order's portal page shows the print job",
            trigger: "#portal_sale_content:contains(Tour Flyer)",
        },
    ],
});
