package org.certflow.staff;

/** The groups of the back office; the model names them as candidate groups. */
public final class StaffGroups {

    public static final String ACCOUNTING = "accounting";
    public static final String REVIEWERS = "reviewers";
    public static final String RA_ADMINS = "ra-admins";
    /** Camunda's administrators: everything in Cockpit and Admin. */
    public static final String CAMUNDA_ADMIN = "camunda-admin";

    private StaffGroups() {
    }
}
