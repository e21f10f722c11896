package org.migrationportal.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.migrationportal.audit.AuditTrail;
import org.migrationportal.support.PortalIntegrationTest;
import org.migrationportal.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The bootstrap admin token sets a new portal up and then retires: refused once an enabled admin exists,
 * unless kept on purpose; every use is audited. (Over HTTP, a retired token's 401 is in AccessMatrixTests.)
 */
@PortalIntegrationTest
class BootstrapAdminTokenTests {

    static final String SECRET = "bootstrap-secret-for-tests-0123456789";

    @Autowired
    PortalUserRepository users;

    @Autowired
    AuditTrail auditTrail;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    TestData data;

    private int audited(String action, String path) {
        return jdbc.queryForObject(
                "select count(*) from audit_entry where action = ? and details like ?",
                Integer.class,
                action,
                "%" + path + "%");
    }

    @Test
    void itIsAcceptedOnlyUntilTheFirstAdminExistsAndEveryUseIsAudited() {
        BootstrapAdminToken token = new BootstrapAdminToken(SECRET, false, users, auditTrail);
        String path = "/api/v1/" + TestData.uniqueKey("setup");

        // A portal without an enabled admin (rolled back afterwards: the other tests' admins stay).
        transactions.executeWithoutResult(tx -> {
            jdbc.update("update portal_user set enabled = false where enabled");
            assertThat(token.check(SECRET, "POST", path)).isEqualTo(BootstrapAdminToken.Outcome.ACCEPTED);
            tx.setRollbackOnly();
        });
        assertThat(audited("bootstrap-token.used", path)).isEqualTo(1);

        data.admin(TestData.uniqueKey("first-admin"));
        assertThat(token.check(SECRET, "POST", path)).isEqualTo(BootstrapAdminToken.Outcome.RETIRED);
        assertThat(audited("bootstrap-token.refused", path)).isEqualTo(1);

        assertThat(token.check("some-other-token-value-0123456789abc", "POST", path))
                .isEqualTo(BootstrapAdminToken.Outcome.NOT_BOOTSTRAP);
        assertThat(audited("bootstrap-token.refused", path)).isEqualTo(1);
    }

    @Test
    void keptOnPurposeItStaysAcceptedAndAudited() {
        data.admin(TestData.uniqueKey("an-admin"));
        BootstrapAdminToken kept = new BootstrapAdminToken(SECRET, true, users, auditTrail);
        String path = "/api/v1/" + TestData.uniqueKey("kept");

        assertThat(kept.check(SECRET, "GET", path)).isEqualTo(BootstrapAdminToken.Outcome.ACCEPTED);
        assertThat(audited("bootstrap-token.used", path)).isEqualTo(1);
    }
}
