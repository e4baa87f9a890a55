"""Staff screens that span applications and laureates: the dashboard, the phase board
and the exports, in the admin."""
