from . import test_security
from . import test_job
from . import test_portal
from . import test_scan
from . import test_reminders
from . import test_wip_report
from . import test_tour_backend
from . import test_trust
