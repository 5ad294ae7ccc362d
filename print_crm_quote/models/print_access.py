# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Public methods are API: each checks its caller's group before doing anything."""

from odoo.exceptions import AccessError

ESTIMATE_USER = "print_crm_quote.group_estimate_user"
ESTIMATE_MANAGER = "print_crm_quote.group_estimate_manager"
SALE_MANAGER = "sales_team.group_sale_manager"


def require_group(env, action, *xmlids):
    """Raise an AccessError naming ``action`` unless the user is in one of ``xmlids``."""
    user = env.user
    if any(user.has_group(xmlid) for xmlid in xmlids):
        return
    groups = " / ".join(env.ref(xmlid).sudo().full_name for xmlid in xmlids)
    raise AccessError(
        env._(
            "%(action)s: only members of %(groups)s may do this.",
            action=action,
            groups=groups,
        )
    )
