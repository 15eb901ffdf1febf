// A power cut, emulated: preloaded into the writer the kill loop kills (LD_PRELOAD), it lets
// fsync/fdatasync through and then copies the file just synced to "<file>.synced", so that file
// always holds what the disk would still hold if the power went now. After the SIGKILL the loop
// puts every caseload file back to its ".synced" copy (what was never synced is lost, the worst a
// power cut can do) before it checks what the caseload holds. Only files under POWERCUT_DIR.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void snapshot(int fd) {
  const char *dir = getenv("POWERCUT_DIR");
  if (!dir) return;
  char link[64], path[PATH_MAX], tmp[PATH_MAX + 16], out[PATH_MAX + 16];
  snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
  ssize_t n = readlink(link, path, sizeof path - 1);
  if (n <= 0) return;
  path[n] = 0;
  size_t dl = strlen(dir);
  if (strncmp(path, dir, dl) != 0) return;
  struct stat st;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) return;
  snprintf(tmp, sizeof tmp, "%s.synced-tmp", path);
  snprintf(out, sizeof out, "%s.synced", path);
  int src = open(path, O_RDONLY);
  if (src < 0) return;
  int dst = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (dst < 0) { close(src); return; }
  static char buf[1 << 16];
  ssize_t r;
  while ((r = read(src, buf, sizeof buf)) > 0) {
    if (write(dst, buf, (size_t)r) != r) break;
  }
  close(src);
  close(dst);
  rename(tmp, out);
}

int fsync(int fd) {
  static int (*real)(int) = 0;
  if (!real) real = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
  int rc = real(fd);
  if (rc == 0) snapshot(fd);
  return rc;
}

int fdatasync(int fd) {
  static int (*real)(int) = 0;
  if (!real) real = (int (*)(int))dlsym(RTLD_NEXT, "fdatasync");
  int rc = real(fd);
  if (rc == 0) snapshot(fd);
  return rc;
}
