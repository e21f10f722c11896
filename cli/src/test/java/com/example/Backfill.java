package com.example;

import liquibase.change.custom.CustomTaskChange;
import liquibase.database.Database;
import liquibase.exception.ValidationErrors;
import liquibase.resource.ResourceAccessor;

/** The custom change the Liquibase fixtures name, so Liquibase (the oracle) can load them. */
public class Backfill implements CustomTaskChange {

    @Override
    public void execute(Database database) {}

    @Override
    public String getConfirmationMessage() {
        return "backfilled";
    }

    @Override
    public void setUp() {}

    @Override
    public void setFileOpener(ResourceAccessor resourceAccessor) {}

    @Override
    public ValidationErrors validate(Database database) {
        return new ValidationErrors();
    }
}
