package io.mikrobill.voucher;

import static org.assertj.core.api.Assertions.assertThat;

import io.mikrobill.security.DataFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeptOriginalsTest {

  private static final List<String> RESULT_HEADER = List.of("row", "username", "status", "id", "reason");

  @TempDir
  Path dir;

  @Test
  void shouldMaskEveryPasswordAndKeepTheRestOfTheFile() throws Exception {
    Path original = Files.writeString(dir.resolve("batch.csv"),
        "username,password,profile,limit_uptime,limit_bytes_total,price,comment\n"
            + "v1,secret123,default,1h,1G,2.50,first\n"
            + "v2,\"pa,ss \"\"quoted\"\"\",default,,,,\"two, words\"\n"
            + "\n"
            + "v3\n");
    Path result = Files.writeString(dir.resolve("batch.result.csv"), "row,username,status,id,reason\n1,v1,ok,*1,\n");

    new KeptOriginals(true, dir).replace(original, result);

    assertThat(Files.readString(original)).isEqualTo(
        "username,password,profile,limit_uptime,limit_bytes_total,price,comment\r\n"
            + "v1,***,default,1h,1G,2.50,first\r\n"
            + "v2,***,default,,,,\"two, words\"\r\n"
            + "v3\r\n");
    assertThat(KeptOriginals.recognise(original, RESULT_HEADER)).contains(KeptOriginals.Kind.MASKED);
    if (DataFolder.posix(dir)) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(original))).isEqualTo("rw-------");
    }
    try (var files = Files.list(dir)) {
      assertThat(files).as("nothing left aside").hasSize(2);
    }
  }

  @Test
  void shouldMaskEveryColumnNamedLikeAPasswordWhateverTheHeader() throws Exception {
    Path original = Files.writeString(dir.resolve("odd.csv"), "user, Pass ,shared_secret,note\nu1,p1,s1,n1\n");

    new KeptOriginals(true, dir).replace(original, null);

    assertThat(Files.readString(original)).isEqualTo("user,\" Pass \",shared_secret,note\r\nu1,***,***,n1\r\n");
  }

  @Test
  void shouldKeepTheResultInsteadWhenTheOriginalIsNotKept() throws Exception {
    Path original = Files.writeString(dir.resolve("batch.csv"), "username,password\nv1,secret123\n");
    Path result = Files.writeString(dir.resolve("batch.result.csv"), "row,username,status,id,reason\r\n1,v1,ok,*1,\r\n");

    new KeptOriginals(false, dir).replace(original, result);

    assertThat(Files.readString(original)).isEqualTo(Files.readString(result));
    assertThat(KeptOriginals.recognise(original, RESULT_HEADER)).contains(KeptOriginals.Kind.RESULT);
  }

  @Test
  void shouldTakeADroppedFileForADroppedFile() throws Exception {
    assertThat(KeptOriginals.recognise(Files.writeString(dir.resolve("a.csv"), "username,password\nv1,secret123\nv2,***\n"),
        RESULT_HEADER)).isEmpty();
    assertThat(KeptOriginals.recognise(Files.writeString(dir.resolve("b.csv"), "username,password\n"), RESULT_HEADER)).isEmpty();
    assertThat(KeptOriginals.recognise(Files.writeString(dir.resolve("c.csv"), "name,profile\nv1,default\n"), RESULT_HEADER))
        .isEmpty();
    assertThat(KeptOriginals.recognise(Files.writeString(dir.resolve("d.csv"), ""), RESULT_HEADER)).isEmpty();
    assertThat(KeptOriginals.recognise(Files.writeString(dir.resolve("e.csv"), "username,password\nv1,\"unclosed\n"),
        RESULT_HEADER)).isEmpty();
  }

  @Test
  void shouldAnswerAKeptCopyDroppedBackAndLeaveAnExistingResultAlone() throws Exception {
    Path result = dir.resolve("batch-20250101.result.csv");

    KeptOriginals kept = new KeptOriginals(true, dir);
    assertThat(kept.answer("batch-20250101.csv", KeptOriginals.Kind.MASKED, result, RESULT_HEADER)).isTrue();
    assertThat(Files.readAllLines(result)).hasSize(2).last().asString()
        .startsWith("0,,error,,this file is an imported file kept with its passwords masked");

    Files.writeString(result, "row,username,status,id,reason\n1,v1,ok,*1,\n");
    assertThat(kept.answer("batch-20250101.csv", KeptOriginals.Kind.MASKED, result, RESULT_HEADER)).isFalse();
    assertThat(Files.readString(result)).isEqualTo("row,username,status,id,reason\n1,v1,ok,*1,\n");
  }

  @Test
  void shouldMaskTheOriginalsAnEarlierVersionKeptOnce() throws Exception {
    Path done = Files.createDirectories(dir.resolve("done"));
    Path clear = Files.writeString(done.resolve("old-1.csv"), "username,password\nv1,secret123\n");
    Path masked = Files.writeString(done.resolve("old-2.csv"), "username,password\nv2,***\n");
    Path result = Files.writeString(done.resolve("old-3.csv"), "row,username,status,id,reason\n1,v3,ok,*3,\n");
    Path other = Files.writeString(done.resolve("notes.txt"), "password: secret123\n");
    KeptOriginals kept = new KeptOriginals(true, dir);

    assertThat(kept.maskEarlier(done, RESULT_HEADER)).isEqualTo(1);

    assertThat(Files.readString(clear)).isEqualTo("username,password\r\nv1,***\r\n");
    assertThat(Files.readString(masked)).isEqualTo("username,password\nv2,***\n");
    assertThat(Files.readString(result)).isEqualTo("row,username,status,id,reason\n1,v3,ok,*3,\n");
    assertThat(Files.readString(other)).as("not a kept CSV file").contains("secret123");
    Path later = Files.writeString(done.resolve("later.csv"), "username,password\nv4,secret123\n");
    assertThat(kept.maskEarlier(done, RESULT_HEADER)).as("once per folder").isZero();
    assertThat(Files.readString(later)).contains("secret123");
    assertThat(kept.maskEarlier(dir.resolve("missing"), RESULT_HEADER)).isZero();
  }
}
