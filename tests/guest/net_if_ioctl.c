/* Network interface queries through ioctl on a socket (struct ifreq, and
 * struct ifconf with its pointer to an array) and the libc functions that
 * use them: if_nametoindex, if_indextoname, if_nameindex (netlink), and a
 * link-local IPv6 address with a symbolic scope (getaddrinfo "%lo").  Only
 * the loopback interface is looked at: every machine has it. */
#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

int main(void)
{
	int s = socket(AF_INET, SOCK_DGRAM, 0);
	unsigned idx = if_nametoindex("lo");
	char name[IF_NAMESIZE] = "";
	struct ifreq ifr;
	struct if_nameindex *all, *p;
	int found = 0, atmark = -1;

	printf("if_nametoindex(lo) > 0: %s\n", idx > 0 ? "yes" : "no");
	printf("if_indextoname: %s\n", if_indextoname(idx, name) ? name : strerror(errno));
	printf("if_nametoindex(nonesuch): %u\n", if_nametoindex("nonesuch0"));

	all = if_nameindex();
	for (p = all; p && p->if_index; p++)
		if (strcmp(p->if_name, "lo") == 0)
			found = p->if_index == idx;
	if_freenameindex(all);
	printf("if_nameindex lists lo with that index: %s\n", found ? "yes" : "no");

	memset(&ifr, 0, sizeof ifr);
	strcpy(ifr.ifr_name, "lo");
	printf("SIOCGIFINDEX: %s\n",
	       ioctl(s, SIOCGIFINDEX, &ifr) == 0 && (unsigned)ifr.ifr_ifindex == idx ? "same index" : strerror(errno));
	memset(&ifr, 0, sizeof ifr);
	ifr.ifr_ifindex = (int)idx;
	printf("SIOCGIFNAME: %s\n", ioctl(s, SIOCGIFNAME, &ifr) == 0 ? ifr.ifr_name : strerror(errno));
	strcpy(ifr.ifr_name, "lo");
	if (ioctl(s, SIOCGIFFLAGS, &ifr) == 0)
		printf("SIOCGIFFLAGS: up %d loopback %d\n", !!(ifr.ifr_flags & IFF_UP), !!(ifr.ifr_flags & IFF_LOOPBACK));
	else
		printf("SIOCGIFFLAGS: %s\n", strerror(errno));
	strcpy(ifr.ifr_name, "lo");
	printf("SIOCGIFMTU > 0: %s\n", ioctl(s, SIOCGIFMTU, &ifr) == 0 && ifr.ifr_mtu > 0 ? "yes" : strerror(errno));
	strcpy(ifr.ifr_name, "lo");
	if (ioctl(s, SIOCGIFADDR, &ifr) == 0)
		printf("SIOCGIFADDR: %s\n", inet_ntoa(((struct sockaddr_in *)&ifr.ifr_addr)->sin_addr));
	else
		printf("SIOCGIFADDR: %s\n", strerror(errno));
	strcpy(ifr.ifr_name, "nonesuch0");
	printf("SIOCGIFFLAGS(nonesuch): %s\n", ioctl(s, SIOCGIFFLAGS, &ifr) == 0 ? "found" : strerror(errno));

	/* SIOCGIFCONF: first the length needed, then the array */
	{
		struct ifreq reqs[64];
		struct ifconf ifc = { .ifc_len = 0, .ifc_buf = NULL };
		int need, lo_listed = 0;

		if (ioctl(s, SIOCGIFCONF, &ifc) != 0) {
			printf("SIOCGIFCONF: %s\n", strerror(errno));
		} else {
			need = ifc.ifc_len;
			ifc.ifc_len = sizeof reqs;
			ifc.ifc_req = reqs;
			if (ioctl(s, SIOCGIFCONF, &ifc) == 0) {
				for (int i = 0; i < ifc.ifc_len / (int)sizeof(struct ifreq); i++)
					if (strcmp(reqs[i].ifr_name, "lo") == 0)
						lo_listed = 1;
				printf("SIOCGIFCONF: length asked = length given: %s, a multiple of ifreq: %s, lo listed: %s, "
				       "array still at the caller's: %s\n",
				       need == ifc.ifc_len ? "yes" : "no",
				       ifc.ifc_len % (int)sizeof(struct ifreq) == 0 ? "yes" : "no", lo_listed ? "yes" : "no",
				       ifc.ifc_req == reqs ? "yes" : "no");
			}
		}
	}

	/* a buffer the caller does not own */
	{
		struct ifconf ifc = { .ifc_len = (int)sizeof(struct ifreq) * 4, .ifc_buf = (char *)16 };
		struct ifreq *bad = (struct ifreq *)16;

		printf("SIOCGIFCONF into a bad buffer: %s\n", ioctl(s, SIOCGIFCONF, &ifc) == 0 ? "ok" : strerror(errno));
		printf("SIOCGIFFLAGS with a bad ifreq: %s\n", ioctl(s, SIOCGIFFLAGS, bad) == 0 ? "ok" : strerror(errno));
	}

	/* a link-local address with a symbolic scope id */
	{
		struct addrinfo hints = { .ai_family = AF_INET6, .ai_flags = AI_NUMERICHOST }, *res;
		int r = getaddrinfo("fe80::1%lo", "80", &hints, &res);

		if (r == 0) {
			printf("getaddrinfo(fe80::1%%lo): scope id is lo's index: %s\n",
			       ((struct sockaddr_in6 *)res->ai_addr)->sin6_scope_id == idx ? "yes" : "no");
			freeaddrinfo(res);
		} else {
			printf("getaddrinfo(fe80::1%%lo): %s\n", gai_strerror(r));
		}
	}

	ioctl(s, SIOCATMARK, &atmark);
	printf("SIOCATMARK on a UDP socket: %s\n", atmark == -1 ? strerror(errno) : "answered");
	close(s);
	return 0;
}
