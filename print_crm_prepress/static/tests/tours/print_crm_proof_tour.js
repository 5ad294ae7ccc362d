/** @odoo-module **/
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import {registry} from "@web/core/registry";

// The customer goes from its portal home to its proofs and opens the round awaiting it.
function openProofSteps(round) {
    return [
        {
            content: "Open the proofs from the portal home",
            trigger: ".o_portal_index_card a[href='/my/proofs']",
            run: "click",
        },
        {
            content: `Open round ${round}, awaiting the customer`,
            trigger: `.o_print_proof_list tr:has(.o_print_proof_status[data-state=sent]) a:contains(round ${round})`,
            run: "click",
        },
        {
            content: "The PDF proof is shown in the browser's PDF viewer",
            trigger: ".o_print_proof_file iframe.o_print_proof_viewer[src*='viewer.html']",
        },
    ];
}

// Round 1: the customer asks for changes.
registry.category("web_tour.tours").add("print_crm_proof_changes_tour", {
    url: "/my",
    steps: () => [
        ...openProofSteps(1),
        {
            content: "Say what should change",
            trigger: ".o_print_proof_changes textarea[name=comment]",
            run: "edit Please make the logo on the cover twice as large.",
        },
        {
            content: "Request the changes",
            trigger: ".o_print_proof_changes button[type=submit]",
            run: "click",
        },
        {
            content: "The page confirms the changes were sent",
            trigger: ".o_print_proof_answered:contains(your changes are sent)",
        },
        {
            content: "The round now shows the changes requested",
            trigger: ".o_print_proof_portal[data-state=changes]",
        },
    ],
});

// Round 2 (prepared by prepress in between): the customer approves it.
registry.category("web_tour.tours").add("print_crm_proof_approve_tour", {
    url: "/my",
    steps: () => [
        ...openProofSteps(2),
        {
            content: "The earlier round and its answer are listed",
            trigger: ".o_print_proof_earlier tr[data-round='1']:contains(Changes Requested)",
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
        {
            content: "The round is approved and takes no more answers",
            trigger: ".o_print_proof_portal[data-state=approved]:not(:has(.o_print_proof_answer_forms))",
        },
    ],
});
