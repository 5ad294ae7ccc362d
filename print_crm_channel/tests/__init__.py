from . import test_security
from . import test_channel_partners
from . import test_commission
