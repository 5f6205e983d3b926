"""The demo firm [演示公司]: a realistic small sales department to try Sales Desk on, made
through the services (above them, below the CLI and the window). firm.py runs the steps;
context.py is what each step is given."""
