/* compiled by the fake kernel so that ccache has something to cache */
int fake_main(void) { return 0; }
