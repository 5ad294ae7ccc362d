/** @odoo-module **/
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_service/tour_utils";

// The back office's half of the complaint filed in print_crm_service_complaint_tour: the
// service desk judges and routes it, the department investigates and proposes, a service
// manager approves, the department resolves. Each part is one user's session.

const TICKET = "Colours too dark";
const FORM = ".o_form_view";
const STEP_LOG = `${FORM} .o_field_widget[name=print_step_ids]`;

// Printing > Service > Service Desk, as a user finds it from the home page.
function openServiceDesk() {
    return [
        ...stepUtils.goToAppSteps("print_crm_quote.menu_root", "Open the Printing app"),
        {
            content: "Open the Service menu",
            trigger: '.o_menu_sections [data-menu-xmlid="print_crm_service.menu_service"]',
            run: "click",
        },
        {
            content: "Open the Service Desk",
            trigger: '.dropdown-item[data-menu-xmlid="print_crm_service.helpdesk_ticket_menu"]',
            run: "click",
        },
        {
            content: "The desk shows the tickets by step",
            trigger: ".o_kanban_view .o_kanban_group .o_column_title:contains(Routed)",
        },
    ];
}

// Open the complaint from the kanban column of ``column``.
function openTicketIn(column) {
    return {
        content: `The complaint waits in ${column}: open it`,
        trigger: `.o_kanban_group:has(.o_column_title:contains(${column})) .o_kanban_record:contains(${TICKET})`,
        run: "click",
    };
}

// Choose ``label`` in the many2one ``field`` of the ticket by typing ``search``, as a user
// does. The form renders once more when its chatter has loaded (the customer's photo
// becomes the main attachment), which empties what was typed: type again until the list
// offers the choice, then pick it.
function pickIn(field, search, label, content) {
    const input = `${FORM} .o_field_widget[name=${field}] input`;
    return [
        {
            content,
            trigger: input,
            async run(helpers) {
                for (let attempt = 0; attempt < 5; attempt++) {
                    await helpers.edit(search, input);
                    for (let wait = 0; wait < 20; wait++) {
                        const item = [
                            ...document.querySelectorAll(".o-autocomplete--dropdown-item"),
                        ].find((el) => el.textContent.includes(label));
                        if (item) {
                            await helpers.click(item.querySelector("a") || item);
                            return;
                        }
                        await new Promise((resolve) => setTimeout(resolve, 100));
                    }
                }
                throw new Error(`${field}: the list never offered ${label}`);
            },
        },
        {
            content: `${label} is chosen`,
            trigger: `${input}:value(${label})`,
        },
    ];
}

// The ticket's status bar shows ``step`` and its step log the row ``step`` by ``user``.
function stepIs(step, user) {
    return [
        {
            content: `The ticket is now ${step}`,
            trigger: `${FORM} .o_statusbar_status .o_arrow_button_current:contains(${step})`,
        },
        {
            content: `The step log says ${user} took the step ${step}`,
            trigger: `${STEP_LOG} .o_data_row:contains(${step}):contains(${user})`,
        },
    ];
}

// 1. The service desk: the complaint is valid; it goes to the pressroom.
registry.category("web_tour.tours").add("print_crm_service_desk_route_tour", {
    url: "/odoo",
    steps: () => [
        ...openServiceDesk(),
        openTicketIn("New"),
        {
            content: "The customer asked for a reprint",
            trigger: `${FORM} .o_field_widget[name=print_remedy_wanted] select`,
        },
        {
            content: "The complaint is valid",
            trigger: `${FORM} .o_statusbar_buttons button[name=action_print_mark_valid]`,
            run: "click",
        },
        ...stepIs("Valid", "service-desk"),
        {
            content: "Route it to a department",
            trigger: `${FORM} .o_statusbar_buttons button[name=action_print_route]`,
            run: "click",
        },
        {
            content: "Choose the pressroom",
            trigger: ".modal .o_field_widget[name=team_id] input",
            run: "edit Pressroom",
        },
        {
            content: "Pick it from the list",
            trigger: ".modal .o-autocomplete--dropdown-item:contains(Pressroom)",
            run: "click",
        },
        {
            content: "The pressroom is chosen",
            trigger: ".modal .o_field_widget[name=team_id] input:value(Pressroom)",
        },
        {
            content: "The deadline comes from the department's calendar",
            trigger: ".modal .o_field_widget[name=deadline] input:value(/\\d/)",
        },
        {
            content: "Route",
            trigger: ".modal footer button[name=action_confirm]",
            run: "click",
        },
        ...stepIs("Routed", "service-desk"),
        {
            content: "The ticket has its deadline",
            trigger: `${FORM} .o_field_widget[name=print_deadline]:contains(/\\d/)`,
        },
    ],
});

// 2. The department (a pressroom user): cause, responsible person, resolution; propose.
registry.category("web_tour.tours").add("print_crm_service_desk_propose_tour", {
    url: "/odoo",
    steps: () => [
        ...openServiceDesk(),
        openTicketIn("Routed"),
        ...pickIn("print_cause_id", "Colour", "Colour", "The cause: colour on press"),
        ...pickIn(
            "print_responsible_id",
            "floor",
            "print_crm_tracking-floor",
            "The responsible person: the press operator"
        ),
        {
            content: "The resolution: an apology",
            trigger: `${FORM} .o_field_widget[name=print_resolution] select`,
            run: "selectByLabel Apology",
        },
        {
            content: "What will be done",
            trigger: `${FORM} .o_field_widget[name=print_resolution_note] textarea`,
            run: "edit Press calibrated; apology sent.",
        },
        {
            content: "Propose the resolution",
            trigger: `${FORM} .o_statusbar_buttons button[name=action_print_propose]`,
            run: "click",
        },
        ...stepIs("Resolution Proposed", "Press Pat"),
        {
            content: "The proposal is frozen until a manager decides",
            trigger: `${FORM} .o_field_widget[name=print_resolution] span:contains(Apology)`,
        },
        {
            content: "A department user does not approve it",
            trigger: `${FORM} .o_statusbar_buttons:not(:has(button[name=action_print_approve]))`,
        },
    ],
});

// 3. The service manager approves the proposal.
registry.category("web_tour.tours").add("print_crm_service_desk_approve_tour", {
    url: "/odoo",
    steps: () => [
        ...openServiceDesk(),
        openTicketIn("Resolution Proposed"),
        {
            content: "The proposal says who proposed it",
            trigger: `${FORM} .o_field_widget[name=print_proposed_by_id]:contains(Press Pat)`,
        },
        {
            content: "Approve it",
            trigger: `${FORM} .o_statusbar_buttons button[name=action_print_approve]`,
            run: "click",
        },
        ...stepIs("Resolution Approved", "service-manager"),
        {
            content: "The approval says who approved it",
            trigger: `${FORM} .o_field_widget[name=print_approved_by_id]:contains(service-manager)`,
        },
    ],
});

// 4. The department has done it: resolved.
registry.category("web_tour.tours").add("print_crm_service_desk_resolve_tour", {
    url: "/odoo",
    steps: () => [
        ...openServiceDesk(),
        openTicketIn("Resolution Approved"),
        {
            content: "Resolved",
            trigger: `${FORM} .o_statusbar_buttons button[name=action_print_resolve]`,
            run: "click",
        },
        ...stepIs("Resolved", "Press Pat"),
        {
            content: "The desk now follows up with the customer",
            trigger: `${FORM} .o_statusbar_buttons button[name=action_print_confirm_satisfied]`,
        },
    ],
});
