from . import portal
from . import proof_upload
