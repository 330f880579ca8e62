"""Form pieces shared by the dialogs: field errors, chips, date inputs, message bar, save/cancel."""
