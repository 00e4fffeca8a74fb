"""Store profiles: TOML files that say which store a register sells for, and how.

A profile is written, copied and deployed without a network and holds no secret: the
API token lives in the OS keyring (see :mod:`pos.stores.secrets`). Profiles come from
three places, the later winning over the earlier when two share a name:

1. ``builtin``: the demo profile, which points at the in-process sandbox store;
2. ``system``: a machine-wide folder for fleet installs (``POS_SYSTEM_PROFILES_DIR``);
3. ``user``: the user's own configuration folder (``POS_PROFILES_DIR``).

A broken file never stops the app: :func:`load_profiles` returns the profiles it could
read together with the problems it found (file, line, field, what is wrong).

This module is the front door; the work is done by four modules below it:
:mod:`~pos.stores.profile_model` (what a profile is), :mod:`~pos.stores.profile_toml`
(parsing and validating a file's text), :mod:`~pos.stores.profile_folders` (where files
and data live; writing files atomically) and :mod:`~pos.stores.profile_loading` (reading
every folder).
"""

from __future__ import annotations

from pos.api.urls import DEFAULT_API_BASE_URL, DEFAULT_PAYMENTS_BASE_URL

from .profile_folders import (
    ENV_DATA_DIR,
    ENV_PROFILES_DIR,
    ENV_SYSTEM_PROFILES_DIR,
    atomic_write,
    data_dir,
    data_root,
    ensure_data_dir,
    fsync_dir,
    profile_dir,
    profile_path,
    remove_profile,
    save_profile,
    system_profiles_dir,
    user_profiles_dir,
)
from .profile_loading import (
    MAX_PROFILE_BYTES,
    Fallback,
    LoadedProfiles,
    get_profile,
    load_profiles,
)
from .profile_model import (
    DEMO_PROFILE,
    DEMO_PROFILE_NAME,
    NAME_RULE,
    PICKUP_FIELDS,
    PROFILE_SUFFIX,
    PickupLocation,
    Profile,
    ProfileError,
    ProfileProblem,
    Severity,
    Source,
    is_valid_name,
)
from .profile_toml import (
    FIELD_KINDS,
    FIELD_NAMES,
    SECRET_KEYS,
    is_secret_key,
    parse_profile,
    profile_from_data,
    secret_key_message,
)

__all__ = [
    "DEFAULT_API_BASE_URL",
    "DEFAULT_PAYMENTS_BASE_URL",
    "DEMO_PROFILE",
    "DEMO_PROFILE_NAME",
    "ENV_DATA_DIR",
    "ENV_PROFILES_DIR",
    "ENV_SYSTEM_PROFILES_DIR",
    "FIELD_KINDS",
    "FIELD_NAMES",
    "MAX_PROFILE_BYTES",
    "NAME_RULE",
    "PICKUP_FIELDS",
    "PROFILE_SUFFIX",
    "SECRET_KEYS",
    "Fallback",
    "LoadedProfiles",
    "PickupLocation",
    "Profile",
    "ProfileError",
    "ProfileProblem",
    "Severity",
    "Source",
    "atomic_write",
    "data_dir",
    "data_root",
    "ensure_data_dir",
    "fsync_dir",
    "get_profile",
    "is_secret_key",
    "is_valid_name",
    "load_profiles",
    "parse_profile",
    "profile_dir",
    "profile_from_data",
    "profile_path",
    "remove_profile",
    "save_profile",
    "secret_key_message",
    "system_profiles_dir",
    "user_profiles_dir",
]
