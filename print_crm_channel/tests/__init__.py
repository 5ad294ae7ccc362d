from . import test_security
from . import test_channel_partners
from . import test_commission
from . import test_sales_plan
from . import test_returns
from . import test_collections
from . import test_channel_portal
