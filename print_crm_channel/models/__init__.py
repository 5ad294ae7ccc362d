# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import print_channel_level
from . import res_partner
from . import print_estimate
from . import sale_order
from . import res_partner_portal
from . import sale_order_portal
from . import print_estimate_portal
from . import print_channel_commission
from . import commission_settlement
from . import print_channel_plan
from . import print_channel_return
from . import print_channel_collection
from . import res_company_deal
from . import res_config_settings_deal
from . import print_channel_deal
from . import print_channel_deal_documents
from . import print_job_white_label
