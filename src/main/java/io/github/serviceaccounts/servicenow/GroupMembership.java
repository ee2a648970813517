package io.github.serviceaccounts.servicenow;

/** A {@code sys_user_grmember} row: one user in one group. */
public record GroupMembership(String sysId, String userSysId, String groupSysId) {
}
