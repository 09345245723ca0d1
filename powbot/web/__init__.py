"""The web page for coaches and the region (`powbot web`)."""
