/** @odoo-module **/
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import {registry} from "@web/core/registry";

// On a phone (the test opens it at 390 × 844) the page does not scroll sideways.
registry.category("web_tour.tours").add("print_crm_portal_width_tour", {
    steps: () => [
        {
            content: "The page is loaded",
            trigger: "#wrap, main",
        },
        {
            content: "Nothing is wider than the screen",
            trigger: "body",
            run() {
                const width = document.documentElement.scrollWidth;
                const screen = window.innerWidth;
                if (width > screen) {
                    throw new Error(`The page is ${width} px wide on a ${screen} px screen`);
                }
            },
        },
    ],
});
