from . import test_security
from . import test_workflow
from . import test_delivery
from . import test_feedback
from . import test_portal_tickets
from . import test_portal_tour
from . import test_sms
from . import test_callbacks
