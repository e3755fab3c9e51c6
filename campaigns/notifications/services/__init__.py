"""The notifications engine's rules. Views, admin and tasks call these; they change models
inside one transaction each."""
