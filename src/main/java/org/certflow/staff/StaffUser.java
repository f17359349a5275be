package org.certflow.staff;

import java.util.List;

/** A staff member logged into Camunda, with the groups the engine knows for them. */
record StaffUser(String userId, List<String> groupIds) {
}
