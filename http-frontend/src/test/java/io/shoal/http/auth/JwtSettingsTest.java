package io.shoal.http.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigResolveOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shoal.http.auth block of reference.conf, read without the process environment so the machine cannot interfere. */
class JwtSettingsTest {

  private static Config config(String overrides) {
    return ConfigFactory.parseString(overrides)
        .withFallback(ConfigFactory.defaultReferenceUnresolved())
        .resolve(ConfigResolveOptions.noSystem());
  }

  @Test
  void defaultsVerifyNothingSoTheApiRefusesToRunWithoutAKey() {
    JwtSettings settings = JwtSettings.fromConfig(config(""));

    assertThat(settings.issuer()).isEqualTo("shoal");
    assertThat(settings.audience()).isEqualTo("shoal-api");
    assertThat(settings.clockSkew()).isEqualTo(Duration.ofSeconds(30));
    assertThat(settings.tokenTtl()).isEqualTo(Duration.ofHours(1));
    // The dev secret is in the file, but a node reading its settings does not get it.
    assertThat(settings.hs256Enabled()).isFalse();
    assertThat(settings.rs256Enabled()).isFalse();
    assertThatThrownBy(settings::requireVerification).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GuardDirectives.fromSettings(settings)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theDevSecretIsAppliedOnlyOnRequestAndNeverOverARealSecret() throws Exception {
    JwtSettings demo = JwtSettings.fromConfig(config("")).withDevSecretIfUnset();
    assertThat(demo.usesDevSecret()).isTrue();
    assertThat(demo.toString()).contains("dev-secret").doesNotContain(demo.hs256Secret());
    String token = new TokenIssuer(demo).issue("demo", java.util.Set.of(Role.VIEWER)).token();
    assertThat(JwtAuthenticator.fromSettings(demo).authenticate(token).subject()).isEqualTo("demo");

    JwtSettings real = JwtSettings.fromConfig(config("shoal.http.auth.hs256-secret = \"" + TestTokens.SECRET + "\""))
        .withDevSecretIfUnset();
    assertThat(real.hs256Secret()).isEqualTo(TestTokens.SECRET);
    assertThat(real.usesDevSecret()).isFalse();
    // A token minted with the public dev secret is refused by a node with a real one.
    assertThatThrownBy(() -> JwtAuthenticator.fromSettings(real).authenticate(token))
        .isInstanceOf(AuthenticationException.class);
  }

  @Test
  void loginSettingsAndTheBlockingDispatcherAreConfigured() {
    Config config = config("");
    LoginSettings login = LoginSettings.fromConfig(config);

    assertThat(login.enabled()).isTrue();
    assertThat(login.bcryptCost()).isEqualTo(12);
    assertThat(login.maxBodyBytes()).isEqualTo(4096);
    assertThat(login.adminUser()).isEmpty();
    assertThat(login.adminPassword()).isEmpty();
    assertThat(config.getString(LoginSettings.BLOCKING_DISPATCHER + ".executor")).isEqualTo("thread-pool-executor");
    assertThatThrownBy(() -> LoginSettings.fromConfig(config("shoal.http.auth.login.bcrypt-cost = 3")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void readsTheRsaKeyFromPemTextOrAFile(@TempDir Path dir) throws Exception {
    RSAPublicKey key = (RSAPublicKey) TestTokens.rsaKeyPair(2048).getPublic();
    String pem = RsaPublicKeys.toPem(key);
    Path file = Files.writeString(dir.resolve("idp.pem"), pem);

    assertThat(RsaPublicKeys.read(pem)).isEqualTo(key);
    assertThat(RsaPublicKeys.read(file.toString())).isEqualTo(key);
    assertThat(RsaPublicKeys.read(pem.replace("\n", "\\n"))).isEqualTo(key);
    assertThatThrownBy(() -> RsaPublicKeys.read(dir.resolve("missing.pem").toString()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("neither PEM text nor a readable file");
    assertThatThrownBy(() -> RsaPublicKeys.read("-----BEGIN RSA PUBLIC KEY-----\nAAAA\n-----END RSA PUBLIC KEY-----"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PKCS#1");
    assertThatThrownBy(() -> RsaPublicKeys.read("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an RSA public key");
  }

  @Test
  void refusesUnreasonableSkewAndTtl() {
    assertThatThrownBy(() -> JwtSettings.fromConfig(config("shoal.http.auth.clock-skew = 1h")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clock-skew");
    assertThatThrownBy(() -> JwtSettings.fromConfig(config("shoal.http.auth.token-ttl = 0s")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("token-ttl");
  }
}
