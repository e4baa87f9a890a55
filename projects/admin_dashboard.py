"""The staff dashboard on the admin index page. (Being written: see issue 8.)"""
