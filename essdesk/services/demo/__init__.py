"""The demo data set: a Grenoble-area agency with its young people, employers and an ESS week."""
