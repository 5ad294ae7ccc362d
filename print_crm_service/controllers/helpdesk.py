# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.helpdesk_mgmt.controllers.main import HelpdeskTicketController


class PrintHelpdeskTicketController(HelpdeskTicketController):
    @http.route()
    def support_ticket_close(self, **kw):
        """helpdesk_mgmt's portal "Done"/"Cancelled" buttons: the ticket is looked up as
        superuser there, so any logged-in user could close anyone's ticket by its id. Only
        a ticket the caller may read (its own, or its company's under the portal rule) is
        closed; a print ticket is closed by its workflow, when the customer confirms it is
        settled, never by these buttons."""
        try:
            ticket = request.env["helpdesk.ticket"].browse(int(kw.get("ticket_id") or 0))
            ticket.check_access("read")  # the caller's own rights and record rules
        except (ValueError, AccessError, MissingError):
            return request.redirect("/my")
        if ticket.print_kind:
            return request.redirect(f"/my/ticket/{ticket.id}")
        return super().support_ticket_close(**kw)
