# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import portal
from . import deal_portal
from . import portal_trade
from . import portal_quote
from . import credit_portal
from . import purchase_xlsx
