# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import print_channel_deal_override
from . import sale_order_print_credit_wizard
