package dev.pinstripe.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JdbcUrlsTest {
    @Test
    void jdbcUrlsPassThrough() {
        assertThat(JdbcUrls.toJdbc("jdbc:postgresql://db:5432/p?user=u")).isEqualTo("jdbc:postgresql://db:5432/p?user=u");
    }

    @Test
    void postgresUrlsBecomeJdbcUrlsWithCredentialsAsParameters() {
        assertThat(JdbcUrls.toJdbc("postgres://alice:s%40cret@db.example.com:6543/pay?sslmode=require"))
                .isEqualTo("jdbc:postgresql://db.example.com:6543/pay?sslmode=require&user=alice&password=s%40cret");
        assertThat(JdbcUrls.toJdbc("postgresql://db/x")).isEqualTo("jdbc:postgresql://db/x");
    }

    @Test
    void otherUrlsAreRefusedWithoutShowingThePassword() {
        assertThatThrownBy(() -> JdbcUrls.toJdbc("mysql://u:hunter2@db/x"))
                .hasMessageNotContaining("hunter2").hasMessageContaining("postgres://");
    }

    @Test
    void redactionHidesPasswords() {
        assertThat(JdbcUrls.redact("jdbc:postgresql://db/x?user=u&password=hunter2")).doesNotContain("hunter2");
        assertThat(JdbcUrls.redact("postgres://u:hunter2@db/x")).doesNotContain("hunter2");
    }
}
