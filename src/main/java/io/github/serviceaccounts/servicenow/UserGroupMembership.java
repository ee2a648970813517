package io.github.serviceaccounts.servicenow;

/**
 * A {@code sys_user_grmember} row of one user, with the group's name read through the
 * reference in the same call.
 *
 * @param groupName {@code group.name}; empty when the group is gone or hidden
 */
public record UserGroupMembership(String sysId, String userSysId, String groupSysId, String groupName) {
}
