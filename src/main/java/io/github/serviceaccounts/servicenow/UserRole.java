package io.github.serviceaccounts.servicenow;

/**
 * One {@code sys_user_has_role} row. A user who gets the same role through two groups has
 * two rows, so the same role name can appear more than once.
 *
 * @param inherited {@code true} when the role came with a group membership (or a
 * containing role)
 */
public record UserRole(String roleName, boolean inherited) {
}
