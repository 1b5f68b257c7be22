#!/bin/busybox sh
# /init of the cki QEMU test initramfs: mount the virtual file systems, run every test script in
# /cki/tests in order, print one machine-readable marker per result on the console, power off.
# Markers (parsed by cki.test.qemu.ConsoleLog):
#   CKI-BOOT: userspace            the kernel ran /init
#   CKI-BEGIN: <path>              a test starts
#   CKI-RESULT: <path> <PASS|FAIL> <exit code> <seconds>
#   CKI-DONE                       every test ran
/bin/busybox mkdir -p /bin /sbin /usr/bin /usr/sbin
/bin/busybox --install -s
export PATH=/bin:/sbin:/usr/bin:/usr/sbin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null || echo "CKI-NOTE: devtmpfs not available"
echo "CKI-BOOT: userspace $(uname -r)"
for script in /cki/tests/*.sh; do
    [ -e "$script" ] || continue
    path=$(cat "${script%.sh}.path")
    echo "CKI-BEGIN: $path"
    start=$(cut -d' ' -f1 /proc/uptime)
    sh "$script"
    code=$?
    end=$(cut -d' ' -f1 /proc/uptime)
    seconds=$(awk "BEGIN { print $end - $start }")
    if [ "$code" -eq 0 ]; then verdict=PASS; else verdict=FAIL; fi
    echo "CKI-RESULT: $path $verdict $code $seconds"
done
echo "CKI-DONE"
sync
# -no-reboot turns the reset into QEMU exiting; tinyconfig kernels have no ACPI power-off
reboot -f
