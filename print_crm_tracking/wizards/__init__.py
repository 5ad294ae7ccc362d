from . import print_job_split_wizard
