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
                // The test opens a 390 px wide phone screen.
                const width = document.documentElement.scrollWidth;
                console.log(`print_crm page width ${width} (screen ${window.innerWidth})`);
                if (width > 390) {
                    throw new Error(`The page is ${width} px wide on a 390 px screen`);
                }
                // A table scrolling inside its own box hides its last columns off-screen.
                for (const cell of document.querySelectorAll("main td, main th")) {
                    const box = cell.getBoundingClientRect();
                    if (box.width && box.right > 390) {
                        throw new Error(`"${cell.textContent.trim()}" ends at ${box.right} px`);
                    }
                }
            },
        },
    ],
});
