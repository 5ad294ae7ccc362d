# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The groups of customer service for ``require_group`` (see print_crm_quote)."""

from odoo.addons.print_crm_quote.models.print_access import (  # noqa: F401 - re-exported
    require_group,
)

SERVICE_USER = "print_crm_service.group_service_user"
SERVICE_MANAGER = "print_crm_service.group_service_manager"
