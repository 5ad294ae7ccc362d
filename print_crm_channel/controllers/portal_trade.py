# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.http import request

from odoo.addons.print_crm_quote.controllers.portal import PrintEstimatePortal


class PrintTradePricePortal(PrintEstimatePortal):
    def _print_quote_prices(self, product, clean):
        """A distributor's instant prices are its trade prices (the estimate it would get
        is priced at its level); each row also carries the suggested retail price."""
        prices = super()._print_quote_prices(product, clean)
        partner = request.env.user.partner_id
        company = product.company_id or request.env.company
        level = partner._print_trade_level(company)
        if level:
            # sudo(): the logged-in distributor reads the retail markup of its own level
            # (the level is its partner's), never the level's other terms.
            level = level.sudo()
            for row in prices:
                row["retail"] = level._print_retail_price(row["price"], row["currency"])
        return prices
