/** @odoo-module **/
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import {registry} from "@web/core/registry";

// A one-page PDF and a 1×1 PNG, as prepress would export them.
const PDF = [
    "%PDF-1.4",
    "1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj",
    "2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj",
    "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj",
    "trailer<</Root 1 0 R>>",
    "%%EOF",
    "",
].join("\n");
const PNG_BASE64 =
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

function proofFiles() {
    const png = Uint8Array.from(atob(PNG_BASE64), (char) => char.charCodeAt(0));
    return [
        new File([PDF], "proof.pdf", {type: "application/pdf"}),
        new File([png], "cover.png", {type: "image/png"}),
    ];
}

// Prepress drops two files on a draft round's form and sends the round.
registry.category("web_tour.tours").add("print_crm_proof_backoffice_upload_tour", {
    steps: () => [
        {
            content: "Drop two proof files on the round",
            trigger: ".o_form_view .o_print_proof_upload_zone",
            run() {
                const transfer = new DataTransfer();
                for (const file of proofFiles()) {
                    transfer.items.add(file);
                }
                const input = this.anchor.querySelector("input[type=file]");
                input.files = transfer.files;
                input.dispatchEvent(new Event("change", {bubbles: true}));
            },
        },
        {
            content: "The PDF is shown as a thumbnail",
            trigger: ".o_print_proof_thumb[data-name='proof.pdf'] .o_image[data-mimetype='application/pdf']",
        },
        {
            content: "The image is shown as a thumbnail",
            trigger: ".o_print_proof_thumb[data-name='cover.png'] img",
        },
        {
            content: "Both files are listed with their SHA-256",
            trigger: ".o_field_widget[name=file_ids] .o_data_row:nth-child(2) td[name=checksum]:not(:empty)",
        },
        {
            content: "Send the round to the customer",
            trigger: ".o_form_view button[name=action_send]",
            run: "click",
        },
        {
            content: "The round awaits the customer",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Awaiting Customer)",
        },
    ],
});

// The customer sees both files of the round and approves it.
registry.category("web_tour.tours").add("print_crm_proof_approve_two_files_tour", {
    url: "/my/proofs",
    steps: () => [
        {
            content: "Open round 1, awaiting the customer",
            trigger: ".o_print_proof_list a:contains(round 1)",
            run: "click",
        },
        {
            content: "The PDF is on the page",
            trigger: ".o_print_proof_file .o_print_proof_file_name:contains(proof.pdf)",
        },
        {
            content: "The image is on the page",
            trigger: ".o_print_proof_file .o_print_proof_file_name:contains(cover.png)",
        },
        {
            content: "Type the full name as signature",
            trigger: ".o_print_proof_approve input[name=signature]",
            run: "edit Mei Lin",
        },
        {
            content: "Tick 'I approve this proof for printing'",
            trigger: ".o_print_proof_approve input[name=approve_confirm]",
            run: "check",
        },
        {
            content: "Approve the proof",
            trigger: ".o_print_proof_approve button[type=submit]",
            run: "click",
        },
        {
            content: "The page confirms the approval",
            trigger: ".o_print_proof_answered:contains(approved for printing)",
        },
    ],
});
