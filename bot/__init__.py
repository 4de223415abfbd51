"""newsbot: a news link or a topic in, a short faithful summary with its key quotes out."""

__version__ = "0.1.0"
