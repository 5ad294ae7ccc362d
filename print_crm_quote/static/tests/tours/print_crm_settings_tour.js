/** @odoo-module **/
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import {registry} from "@web/core/registry";

const PRINTING_APP = ".o_setting_container .settings .app_settings_block[data-key='print_crm_quote']";

registry.category("web_tour.tours").add("print_crm_settings_tour", {
    url: "/odoo/action-print_crm_quote.action_print_crm_config_settings",
    steps: () => [
        {
            content: "Open the Printing tab of the settings",
            trigger: ".o_setting_container .settings_tab .tab[data-key='print_crm_quote']:contains(Printing)",
            run: "click",
        },
        {
            content: "The Printing tab shows the Printing Modules block",
            trigger: `${PRINTING_APP} h2:contains(Printing Modules)`,
        },
        {
            content: "The block offers Production Tracking with its explanation",
            trigger: `${PRINTING_APP} #print_crm_tracking_setting:contains(Production Tracking):contains(production stages)`,
        },
        {
            content: "Production Tracking can be ticked",
            trigger: `${PRINTING_APP} #print_crm_tracking_setting .o_field_widget[name='module_print_crm_tracking'] input[type='checkbox']`,
        },
    ],
});
