# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import print_channel_plan_report
from . import print_channel_ageing_report
from . import print_payable_ageing
