/** @odoo-module **/
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import publicWidget from "@web/legacy/js/public/public_widget";

// Below Bootstrap's small breakpoint, the PDF viewer opens full width: its page thumbnails
// (which take 40 % of a phone's width) stay folded until the customer opens them.
publicWidget.registry.PrintProofViewer = publicWidget.Widget.extend({
    selector: ".o_print_proof_portal",
    start() {
        if (window.matchMedia("(max-width: 575.98px)").matches) {
            for (const frame of this.el.querySelectorAll("iframe.o_print_proof_viewer")) {
                frame.src = frame.src.replace("#pagemode=thumbs", "#pagemode=none");
            }
        }
        return this._super(...arguments);
    },
});
