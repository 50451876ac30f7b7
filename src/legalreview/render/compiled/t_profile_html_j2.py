from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'profile.html.j2'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    l_0_tier_badge = l_0_answer_badge = missing
    pass
    parent_template = environment.get_template('base.html.j2', 'profile.html.j2')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    included_template = environment.get_template('_macros.html.j2', 'profile.html.j2')._get_default_module(context)
    l_0_tier_badge = getattr(included_template, 'tier_badge', missing)
    if l_0_tier_badge is missing:
        l_0_tier_badge = undefined(f"the template {included_template.__name__!r} (imported on line 2 in 'profile.html.j2') does not export the requested name 'tier_badge'", name='tier_badge')
    l_0_answer_badge = getattr(included_template, 'answer_badge', missing)
    if l_0_answer_badge is missing:
        l_0_answer_badge = undefined(f"the template {included_template.__name__!r} (imported on line 2 in 'profile.html.j2') does not export the requested name 'answer_badge'", name='answer_badge')
    context.vars.update({'tier_badge': l_0_tier_badge, 'answer_badge': l_0_answer_badge})
    context.exported_vars.difference_update(('tier_badge', 'answer_badge'))
    yield from parent_template.root_render_func(context)

def block_title(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_name = resolve('name')
    pass
    yield escape((undefined(name='name') if l_0_name is missing else l_0_name))

def block_main(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_name = resolve('name')
    l_0_iso3 = resolve('iso3')
    l_0_region = resolve('region')
    l_0_region_href = resolve('region_href')
    l_0_subregion = resolve('subregion')
    l_0__ = resolve('_')
    l_0_site = resolve('site')
    l_0_notes = resolve('notes')
    l_0_units = resolve('units')
    l_0_unit_of = resolve('unit_of')
    l_0_sets = resolve('sets')
    l_0_statutes = resolve('statutes')
    l_0_cite = resolve('cite')
    l_0_standalone = resolve('standalone')
    try:
        t_1 = environment.filters['format']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'format' found.")
    try:
        t_2 = environment.filters['sort']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'sort' found.")
    try:
        t_3 = environment.tests['defined']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No test named 'defined' found.")
    pass
    yield '<h1>'
    yield escape((undefined(name='name') if l_0_name is missing else l_0_name))
    yield ' <span class="code">'
    yield escape((undefined(name='iso3') if l_0_iso3 is missing else l_0_iso3))
    yield '</span></h1>\n<p class="lede">'
    if (undefined(name='region') if l_0_region is missing else l_0_region):
        pass
        yield '<a href="'
        yield escape((undefined(name='region_href') if l_0_region_href is missing else l_0_region_href))
        yield '">'
        yield escape((undefined(name='region') if l_0_region is missing else l_0_region))
        yield '</a>'
        if (undefined(name='subregion') if l_0_subregion is missing else l_0_subregion):
            pass
            yield ' · '
            yield escape((undefined(name='subregion') if l_0_subregion is missing else l_0_subregion))
        yield '. '
    yield escape(t_1(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Country profile in %(review)s.', _block_vars=_block_vars), review=environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'title')))
    yield '</p>\n'
    if (undefined(name='notes') if l_0_notes is missing else l_0_notes):
        pass
        yield '<p>'
        yield escape((undefined(name='notes') if l_0_notes is missing else l_0_notes))
        yield '</p>'
    if (undefined(name='units') if l_0_units is missing else l_0_units):
        pass
        yield '<p class="units">Sub-national units: '
        l_1_loop = missing
        for l_1_u, l_1_loop in LoopContext((undefined(name='units') if l_0_units is missing else l_0_units), undefined):
            _loop_vars = {}
            pass
            yield '<a href="'
            yield escape(environment.getattr(l_1_u, 'href'))
            yield '">'
            yield escape(environment.getattr(l_1_u, 'name'))
            yield '</a> <span class="code">'
            yield escape(environment.getattr(l_1_u, 'code'))
            yield '</span>'
            if (not environment.getattr(l_1_loop, 'last')):
                pass
                yield ', '
        l_1_loop = l_1_u = missing
        yield '.</p>'
    if (undefined(name='unit_of') if l_0_unit_of is missing else l_0_unit_of):
        pass
        yield '<p class="units">A sub-national unit of <a href="'
        yield escape(environment.getattr((undefined(name='unit_of') if l_0_unit_of is missing else l_0_unit_of), 'href'))
        yield '">'
        yield escape(environment.getattr((undefined(name='unit_of') if l_0_unit_of is missing else l_0_unit_of), 'name'))
        yield '</a>.</p>'
    yield '\n<div class="table-scroll" role="region" tabindex="0" aria-label="'
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'At a glance', _block_vars=_block_vars))
    yield '"><table class="data glance">\n  <caption>'
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'At a glance', _block_vars=_block_vars))
    yield '</caption>\n  <thead><tr><th scope="col">'
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Criteria set', _block_vars=_block_vars))
    yield '</th><th scope="col">'
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Tier', _block_vars=_block_vars))
    yield '</th><th scope="col" class="num">'
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Criteria met', _block_vars=_block_vars))
    yield '</th><th scope="col">'
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Edition', _block_vars=_block_vars))
    yield '</th><th scope="col">'
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Assessed on', _block_vars=_block_vars))
    yield '</th><th scope="col">'
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Status', _block_vars=_block_vars))
    yield '</th></tr></thead>\n  <tbody>\n'
    for l_1_s in (undefined(name='sets') if l_0_sets is missing else l_0_sets):
        l_1_tier_badge = resolve('tier_badge')
        _loop_vars = {}
        pass
        yield '    <tr>\n      <th scope="row"><a href="#'
        yield escape(environment.getattr(l_1_s, 'id'))
        yield '">'
        yield escape(environment.getattr(l_1_s, 'title'))
        yield '</a></th>\n'
        if environment.getattr(l_1_s, 'assessed'):
            pass
            yield '      <td>'
            yield escape(environment.call(context, (undefined(name='tier_badge') if l_1_tier_badge is missing else l_1_tier_badge), environment.getattr(l_1_s, 'tier'), _loop_vars=_loop_vars))
            yield '</td><td class="num">'
            yield escape(t_1(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), '%(met)s of %(n)s', _loop_vars=_loop_vars), met=environment.getattr(l_1_s, 'met'), n=environment.getattr(l_1_s, 'n_criteria')))
            yield '</td><td>'
            yield escape(environment.getattr(l_1_s, 'edition'))
            yield '</td><td><time datetime="'
            yield escape(environment.getattr(l_1_s, 'assessed_on'))
            yield '">'
            yield escape(environment.getattr(l_1_s, 'assessed_on_text'))
            yield '</time></td><td>'
            yield escape(environment.getattr(l_1_s, 'status_text'))
            yield '</td>\n'
        else:
            pass
            yield '      <td colspan="5">'
            yield escape(environment.call(context, (undefined(name='tier_badge') if l_1_tier_badge is missing else l_1_tier_badge), environment.getattr(l_1_s, 'tier'), _loop_vars=_loop_vars))
            yield '</td>\n'
        yield '    </tr>\n'
    l_1_s = l_1_tier_badge = missing
    yield '  </tbody>\n</table></div>\n\n<section aria-labelledby="statutes">\n<h2 id="statutes">'
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Statutes', _block_vars=_block_vars))
    yield '</h2>\n'
    if (undefined(name='statutes') if l_0_statutes is missing else l_0_statutes):
        pass
        yield '<ul class="statutes">\n'
        for l_1_st in (undefined(name='statutes') if l_0_statutes is missing else l_0_statutes):
            _loop_vars = {}
            pass
            yield '  <li id="statute-'
            yield escape(environment.getattr(l_1_st, 'id'))
            yield '">'
            if environment.getattr(l_1_st, 'url'):
                pass
                yield '<a href="'
                yield escape(environment.getattr(l_1_st, 'url'))
                yield '" rel="external noopener">'
                yield escape(environment.getattr(l_1_st, 'title'))
                yield '</a>'
            else:
                pass
                yield escape(environment.getattr(l_1_st, 'title'))
            if environment.getattr(l_1_st, 'citation'):
                pass
                yield ', '
                yield escape(environment.getattr(l_1_st, 'citation'))
            if environment.getattr(l_1_st, 'in_force'):
                pass
                yield '; in force '
                yield escape(environment.getattr(l_1_st, 'in_force'))
            if environment.getattr(l_1_st, 'amended_on'):
                pass
                yield '; amended '
                yield escape(environment.getattr(l_1_st, 'amended_on'))
            if environment.getattr(l_1_st, 'language'):
                pass
                yield ' ('
                yield escape(environment.getattr(l_1_st, 'language'))
                yield ')'
            if environment.getattr(l_1_st, 'enacted'):
                pass
                yield '; enacted '
                yield escape(environment.getattr(l_1_st, 'enacted'))
            if environment.getattr(l_1_st, 'repealed_on'):
                pass
                yield '; <strong class="repealed">repealed '
                yield escape(environment.getattr(l_1_st, 'repealed_on'))
                yield '</strong>'
            if environment.getattr(l_1_st, 'bill'):
                pass
                yield '; <strong class="bill">a bill, not law: never counted</strong>'
            if environment.getattr(l_1_st, 'scope'):
                pass
                yield '; applies to: '
                yield escape(environment.getattr(l_1_st, 'scope'))
            yield '</li>\n'
        l_1_st = missing
        yield '</ul>\n'
    else:
        pass
        yield '<p class="none">'
        yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'No statutes recorded yet.', _block_vars=_block_vars))
        yield '</p>\n'
    yield '</section>\n'
    yield from context.blocks['law_facts'][0](context)
    yield '\n'
    for l_1_s in (undefined(name='sets') if l_0_sets is missing else l_0_sets):
        l_1_tier_badge = resolve('tier_badge')
        _loop_vars = {}
        pass
        yield '<section class="set-profile" aria-labelledby="'
        yield escape(environment.getattr(l_1_s, 'id'))
        yield '">\n<h2 id="'
        yield escape(environment.getattr(l_1_s, 'id'))
        yield '">'
        yield escape(environment.getattr(l_1_s, 'title'))
        yield '</h2>\n'
        if (not environment.getattr(l_1_s, 'assessed')):
            pass
            yield '<p class="not-assessed"><span aria-hidden="true">–</span> '
            yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Not yet assessed against this criteria set.', _loop_vars=_loop_vars))
            yield '</p>\n'
        else:
            pass
            yield '<p class="meta">'
            yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Tier:', _loop_vars=_loop_vars))
            yield ' '
            yield escape(environment.call(context, (undefined(name='tier_badge') if l_1_tier_badge is missing else l_1_tier_badge), environment.getattr(l_1_s, 'tier'), _loop_vars=_loop_vars))
            yield ' · '
            yield escape(t_1(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), '%(met)s of %(n)s criteria met', _loop_vars=_loop_vars), met=environment.getattr(l_1_s, 'met'), n=environment.getattr(l_1_s, 'n_criteria')))
            yield ' · '
            yield escape(environment.getattr(l_1_s, 'edition'))
            yield ', '
            yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'assessed on', _loop_vars=_loop_vars))
            yield ' <time datetime="'
            yield escape(environment.getattr(l_1_s, 'assessed_on'))
            yield '">'
            yield escape(environment.getattr(l_1_s, 'assessed_on_text'))
            yield '</time> '
            yield escape(t_1(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'by %(coder)s', _loop_vars=_loop_vars), coder=environment.getattr(l_1_s, 'coder')))
            yield ' ('
            yield escape(environment.getattr(l_1_s, 'status_text'))
            yield '). <a href="'
            yield escape(environment.getattr(l_1_s, 'href'))
            yield '">'
            yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Compare with other countries', _loop_vars=_loop_vars))
            yield '</a>.</p>\n<p class="coded-for">'
            yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Coded for:', _loop_vars=_loop_vars))
            yield ' <strong>'
            yield escape(environment.getattr(l_1_s, 'scope'))
            yield '</strong> · '
            if environment.getattr(l_1_s, 'law_as_at'):
                pass
                yield '<time datetime="'
                yield escape(environment.getattr(l_1_s, 'law_as_at_date'))
                yield '">'
                yield escape(environment.getattr(l_1_s, 'law_as_at'))
                yield '</time>'
            else:
                pass
                yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'law as at: not stated (taken as the assessment date)', _loop_vars=_loop_vars))
            yield '.</p>\n'
            if environment.getattr(l_1_s, 'summary'):
                pass
                yield '<p>'
                yield escape(environment.getattr(l_1_s, 'summary'))
                yield '</p>'
            yield '<div class="table-scroll" role="region" tabindex="0" aria-label="'
            yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Answers:', _loop_vars=_loop_vars))
            yield ' '
            yield escape(environment.getattr(l_1_s, 'title'))
            yield '"><table class="data answers">\n  <caption>'
            yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Answers:', _loop_vars=_loop_vars))
            yield ' '
            yield escape(environment.getattr(l_1_s, 'title'))
            yield '</caption>\n  <thead><tr><th scope="col">'
            yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Criterion', _loop_vars=_loop_vars))
            yield '</th><th scope="col">'
            yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Answer', _loop_vars=_loop_vars))
            yield '</th><th scope="col">'
            yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Provisions cited and note', _loop_vars=_loop_vars))
            yield '</th></tr></thead>\n  <tbody>\n'
            for l_2_a in environment.getattr(l_1_s, 'answers'):
                l_2_answer_badge = resolve('answer_badge')
                _loop_vars = {}
                pass
                yield '    <tr id="'
                yield escape(environment.getattr(l_1_s, 'id'))
                yield '-'
                yield escape(environment.getattr(l_2_a, 'id'))
                yield '">\n      <th scope="row"><a href="'
                yield escape(environment.getattr(l_2_a, 'href'))
                yield '">'
                yield escape(environment.getattr(l_2_a, 'id'))
                yield '</a> '
                yield escape(environment.getattr(l_2_a, 'short'))
                yield '<span class="question">'
                yield escape(environment.getattr(l_2_a, 'question'))
                yield '</span></th>\n      <td class="cell ans-'
                yield escape(environment.getattr(environment.getattr(l_2_a, 'answer'), 'cls'))
                yield '">'
                yield escape(environment.call(context, (undefined(name='answer_badge') if l_2_answer_badge is missing else l_2_answer_badge), environment.getattr(l_2_a, 'answer'), _loop_vars=_loop_vars))
                yield '</td>\n      <td>\n'
                for l_3_p in environment.getattr(l_2_a, 'evidence'):
                    _loop_vars = {}
                    pass
                    yield '        <div class="provision">\n          <p class="prov-source">'
                    if environment.getattr(l_3_p, 'url'):
                        pass
                        yield '<a href="'
                        yield escape(environment.getattr(l_3_p, 'url'))
                        yield '" rel="external noopener">'
                        yield escape(environment.getattr(l_3_p, 'statute'))
                        yield '</a>'
                    else:
                        pass
                        yield escape(environment.getattr(l_3_p, 'statute'))
                    yield ', '
                    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'section', _loop_vars=_loop_vars))
                    yield ' '
                    yield escape(environment.getattr(l_3_p, 'section'))
                    if environment.getattr(l_3_p, 'bill'):
                        pass
                        yield ' <strong class="bill">(a bill, not law)</strong>'
                    if environment.getattr(l_3_p, 'repealed_on'):
                        pass
                        yield ' <strong class="repealed">(repealed '
                        yield escape(environment.getattr(l_3_p, 'repealed_on'))
                        yield ')</strong>'
                    if environment.getattr(l_3_p, 'scope'):
                        pass
                        yield ' <span class="scope">('
                        yield escape(environment.getattr(l_3_p, 'scope'))
                        yield ')</span>'
                    yield '</p>\n'
                    if environment.getattr(l_3_p, 'text'):
                        pass
                        yield '<blockquote'
                        if environment.getattr(l_3_p, 'language'):
                            pass
                            yield ' lang="'
                            yield escape(environment.getattr(l_3_p, 'language'))
                            yield '"'
                        yield '>'
                        yield escape(environment.getattr(l_3_p, 'text'))
                        yield '</blockquote>'
                    if environment.getattr(l_3_p, 'translation'):
                        pass
                        yield '<blockquote class="translation" lang="'
                        yield escape(environment.getattr(environment.getattr(l_3_p, 'translation'), 'language'))
                        yield '">'
                        yield escape(environment.getattr(environment.getattr(l_3_p, 'translation'), 'text'))
                        yield '</blockquote><p class="translated-by"><span class="label">'
                        yield escape(environment.getattr(environment.getattr(l_3_p, 'translation'), 'label'))
                        yield '.</span></p>'
                    if environment.getattr(l_3_p, 'summary'):
                        pass
                        yield '<p class="summary"><span class="label">'
                        yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Summary (our words):', _loop_vars=_loop_vars))
                        yield '</span> '
                        yield escape(environment.getattr(l_3_p, 'summary'))
                        yield '</p>'
                    if environment.getattr(l_3_p, 'accessed_on'):
                        pass
                        yield '<p class="accessed">'
                        yield escape(t_1(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Text accessed on %(date)s.', _loop_vars=_loop_vars), date=environment.getattr(l_3_p, 'accessed_on')))
                        yield '</p>'
                    yield '        </div>\n'
                l_3_p = missing
                if environment.getattr(l_2_a, 'note'):
                    pass
                    yield '<p class="note"><span class="label">'
                    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Note:', _loop_vars=_loop_vars))
                    yield '</span> '
                    yield escape(environment.getattr(l_2_a, 'note'))
                    yield '</p>'
                if ((not environment.getattr(l_2_a, 'evidence')) and (not environment.getattr(l_2_a, 'note'))):
                    pass
                    yield '<span class="none">'
                    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'No provision cited.', _loop_vars=_loop_vars))
                    yield '</span>'
                if environment.getattr(l_2_a, 'changed_on'):
                    pass
                    yield '<p class="last-changed">Last changed on <time datetime="'
                    yield escape(environment.getattr(l_2_a, 'changed_on'))
                    yield '">'
                    yield escape(environment.getattr(l_2_a, 'changed_on'))
                    yield '</time> by '
                    yield escape(environment.getattr(l_2_a, 'changed_by'))
                    yield '.</p>'
                yield '      </td>\n    </tr>\n'
            l_2_a = l_2_answer_badge = missing
            yield '  </tbody>\n</table></div>\n<div class="table-scroll" role="region" tabindex="0" aria-label="'
            yield escape(t_1(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Compared with %(region)s and the world: %(set)s', _loop_vars=_loop_vars), region=environment.getattr(l_1_s, 'region'), set=environment.getattr(l_1_s, 'title')))
            yield '"><table class="data compare">\n  <caption>'
            yield escape(t_1(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Compared with %(region)s and the world: assessed countries meeting each criterion', _loop_vars=_loop_vars), region=environment.getattr(l_1_s, 'region')))
            yield '</caption>\n  <thead><tr><th scope="col">'
            yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Criterion', _loop_vars=_loop_vars))
            yield '</th><th scope="col">'
            yield escape((undefined(name='name') if l_0_name is missing else l_0_name))
            yield '</th><th scope="col">'
            yield escape(environment.getattr(l_1_s, 'region'))
            yield '</th><th scope="col">'
            yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'All assessed', _loop_vars=_loop_vars))
            yield '</th></tr></thead>\n  <tbody>\n'
            for l_2_c in environment.getattr(l_1_s, 'compare'):
                l_2_answer_badge = resolve('answer_badge')
                _loop_vars = {}
                pass
                yield '    <tr><th scope="row"><a href="'
                yield escape(environment.getattr(l_2_c, 'href'))
                yield '">'
                yield escape(environment.getattr(l_2_c, 'id'))
                yield '</a> '
                yield escape(environment.getattr(l_2_c, 'short'))
                yield '</th><td>'
                yield escape(environment.call(context, (undefined(name='answer_badge') if l_2_answer_badge is missing else l_2_answer_badge), environment.getattr(l_2_c, 'answer'), _loop_vars=_loop_vars))
                yield '</td><td>'
                yield escape(environment.getattr(l_2_c, 'region'))
                yield '</td><td>'
                yield escape(environment.getattr(l_2_c, 'world'))
                yield '</td></tr>\n'
            l_2_c = l_2_answer_badge = missing
            yield '  </tbody>\n</table></div>\n'
            if environment.getattr(l_1_s, 'changes'):
                pass
                yield '<div class="table-scroll" role="region" tabindex="0" aria-label="'
                yield escape(t_1(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Changes since the %(edition)s (tier then: %(tier)s)', _loop_vars=_loop_vars), edition=environment.getattr(environment.getattr(l_1_s, 'changes'), 'previous'), tier=environment.getattr(environment.getattr(environment.getattr(l_1_s, 'changes'), 'tier_before'), 'label')))
                yield '"><table class="data changes">\n  <caption>'
                yield escape(t_1(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Changes since the %(edition)s (tier then: %(tier)s)', _loop_vars=_loop_vars), edition=environment.getattr(environment.getattr(l_1_s, 'changes'), 'previous'), tier=environment.getattr(environment.getattr(environment.getattr(l_1_s, 'changes'), 'tier_before'), 'label')))
                yield '</caption>\n  <thead><tr><th scope="col">'
                yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Criterion', _loop_vars=_loop_vars))
                yield '</th><th scope="col">'
                yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Before', _loop_vars=_loop_vars))
                yield '</th><th scope="col">'
                yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Now', _loop_vars=_loop_vars))
                yield '</th><th scope="col">'
                yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Reason', _loop_vars=_loop_vars))
                yield '</th><th scope="col">'
                yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Law or coding', _loop_vars=_loop_vars))
                yield '</th></tr></thead>\n  <tbody>\n'
                t_4 = 1
                for l_2_ch in t_2(environment, environment.getattr(environment.getattr(l_1_s, 'changes'), 'rows'), attribute='kind', reverse=True):
                    l_2_answer_badge = resolve('answer_badge')
                    _loop_vars = {}
                    pass
                    yield '    <tr class="change-'
                    yield escape(environment.getattr(l_2_ch, 'kind'))
                    yield '"><th scope="row">'
                    yield escape(environment.getattr(l_2_ch, 'criterion'))
                    yield '</th><td>'
                    yield escape(environment.call(context, (undefined(name='answer_badge') if l_2_answer_badge is missing else l_2_answer_badge), environment.getattr(l_2_ch, 'before'), _loop_vars=_loop_vars))
                    yield '</td><td>'
                    yield escape(environment.call(context, (undefined(name='answer_badge') if l_2_answer_badge is missing else l_2_answer_badge), environment.getattr(l_2_ch, 'after'), _loop_vars=_loop_vars))
                    yield '</td><td>'
                    yield escape((environment.getattr(l_2_ch, 'reason') or environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'not given', _loop_vars=_loop_vars)))
                    yield '</td><td>'
                    yield escape(environment.getattr(l_2_ch, 'kind_label'))
                    yield '</td></tr>\n'
                    t_4 = 0
                l_2_ch = l_2_answer_badge = missing
                if t_4:
                    pass
                    yield '    <tr><td colspan="5">'
                    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'No answer changed.'))
                    yield '</td></tr>\n'
                yield '  </tbody>\n</table></div>\n'
            if environment.getattr(l_1_s, 'history'):
                pass
                yield '<table class="data history">\n  <caption>'
                yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Change history of these answers', _loop_vars=_loop_vars))
                yield '</caption>\n  <thead><tr><th scope="col">'
                yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Date', _loop_vars=_loop_vars))
                yield '</th><th scope="col">'
                yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Criterion', _loop_vars=_loop_vars))
                yield '</th><th scope="col">'
                yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Before', _loop_vars=_loop_vars))
                yield '</th><th scope="col">'
                yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'After', _loop_vars=_loop_vars))
                yield '</th><th scope="col">'
                yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Changed by', _loop_vars=_loop_vars))
                yield '</th><th scope="col">'
                yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Source', _loop_vars=_loop_vars))
                yield '</th></tr></thead>\n  <tbody>\n'
                for l_2_h in environment.getattr(l_1_s, 'history'):
                    l_2_answer_badge = resolve('answer_badge')
                    _loop_vars = {}
                    pass
                    yield '    <tr><td><time datetime="'
                    yield escape(environment.getattr(l_2_h, 'on'))
                    yield '">'
                    yield escape(environment.getattr(l_2_h, 'on'))
                    yield '</time></td><th scope="row">'
                    yield escape(environment.getattr(l_2_h, 'criterion'))
                    yield '</th><td>'
                    if environment.getattr(l_2_h, 'before'):
                        pass
                        yield escape(environment.call(context, (undefined(name='answer_badge') if l_2_answer_badge is missing else l_2_answer_badge), environment.getattr(l_2_h, 'before'), _loop_vars=_loop_vars))
                    else:
                        pass
                        yield '<span class="none">'
                        yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'no answer', _loop_vars=_loop_vars))
                        yield '</span>'
                    yield '</td><td>'
                    if environment.getattr(l_2_h, 'after'):
                        pass
                        yield escape(environment.call(context, (undefined(name='answer_badge') if l_2_answer_badge is missing else l_2_answer_badge), environment.getattr(l_2_h, 'after'), _loop_vars=_loop_vars))
                    else:
                        pass
                        yield '<span class="none">'
                        yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'no answer', _loop_vars=_loop_vars))
                        yield '</span>'
                    yield '</td><td>'
                    yield escape(environment.getattr(l_2_h, 'by'))
                    yield '</td><td class="source">'
                    yield escape(environment.getattr(l_2_h, 'source'))
                    yield '</td></tr>\n'
                l_2_h = l_2_answer_badge = missing
                yield '  </tbody>\n</table>\n'
            if environment.getattr(l_1_s, 'gaps'):
                pass
                yield '<h3>'
                yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Gaps and model provisions', _loop_vars=_loop_vars))
                yield '</h3>\n<dl class="gaps">\n'
                for l_2_g in environment.getattr(l_1_s, 'gaps'):
                    l_2_answer_badge = resolve('answer_badge')
                    _loop_vars = {}
                    pass
                    yield '  <dt>'
                    yield escape(environment.getattr(l_2_g, 'id'))
                    yield ' '
                    yield escape(environment.getattr(l_2_g, 'short'))
                    yield ' — '
                    yield escape(environment.call(context, (undefined(name='answer_badge') if l_2_answer_badge is missing else l_2_answer_badge), environment.getattr(l_2_g, 'answer'), _loop_vars=_loop_vars))
                    yield '</dt>\n  <dd><span class="label">'
                    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Model provision (recommended wording, not the law):', _loop_vars=_loop_vars))
                    yield '</span> <p class="model-text">'
                    yield escape(environment.getattr(l_2_g, 'model_provision'))
                    yield '</p></dd>\n'
                l_2_g = l_2_answer_badge = missing
                yield '</dl>\n'
            else:
                pass
                yield '<p class="all-met"><span aria-hidden="true">✓</span> '
                yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Every criterion in this set is met.', _loop_vars=_loop_vars))
                yield '</p>\n'
        yield '</section>\n'
    l_1_s = l_1_tier_badge = missing
    yield '\n<section class="cite" aria-labelledby="cite">\n<h2 id="cite">'
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Cite this page', _block_vars=_block_vars))
    yield '</h2>\n<dl>\n  <dt>'
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Title', _block_vars=_block_vars))
    yield '</dt><dd>'
    yield escape(environment.getattr((undefined(name='cite') if l_0_cite is missing else l_0_cite), 'title'))
    yield '</dd>\n  <dt>'
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Publisher', _block_vars=_block_vars))
    yield '</dt><dd>'
    yield escape(environment.getattr((undefined(name='cite') if l_0_cite is missing else l_0_cite), 'publisher'))
    yield '</dd>\n'
    if environment.getattr((undefined(name='cite') if l_0_cite is missing else l_0_cite), 'edition'):
        pass
        yield '<dt>'
        yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Edition', _block_vars=_block_vars))
        yield '</dt><dd>'
        yield escape(environment.getattr((undefined(name='cite') if l_0_cite is missing else l_0_cite), 'edition'))
        yield '</dd>'
    if environment.getattr((undefined(name='cite') if l_0_cite is missing else l_0_cite), 'date'):
        pass
        yield '<dt>'
        yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Date', _block_vars=_block_vars))
        yield '</dt><dd><time datetime="'
        yield escape(environment.getattr((undefined(name='cite') if l_0_cite is missing else l_0_cite), 'date'))
        yield '">'
        yield escape(environment.getattr((undefined(name='cite') if l_0_cite is missing else l_0_cite), 'date'))
        yield '</time></dd>'
    yield '  <dt>URL</dt><dd>'
    if environment.getattr((undefined(name='cite') if l_0_cite is missing else l_0_cite), 'url'):
        pass
        yield '<a href="'
        yield escape(environment.getattr((undefined(name='cite') if l_0_cite is missing else l_0_cite), 'url'))
        yield '">'
        yield escape(environment.getattr((undefined(name='cite') if l_0_cite is missing else l_0_cite), 'url'))
        yield '</a>'
    else:
        pass
        yield escape(environment.getattr((undefined(name='cite') if l_0_cite is missing else l_0_cite), 'local'))
    yield '</dd>\n'
    if environment.getattr((undefined(name='cite') if l_0_cite is missing else l_0_cite), 'accessed'):
        pass
        yield '<dt>'
        yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Accessed', _block_vars=_block_vars))
        yield '</dt><dd><time datetime="'
        yield escape(environment.getattr((undefined(name='cite') if l_0_cite is missing else l_0_cite), 'accessed'))
        yield '">'
        yield escape(environment.getattr((undefined(name='cite') if l_0_cite is missing else l_0_cite), 'accessed'))
        yield '</time></dd>'
    yield '</dl>\n<p class="citation">'
    yield escape(environment.getattr((undefined(name='cite') if l_0_cite is missing else l_0_cite), 'publisher'))
    if environment.getattr((undefined(name='cite') if l_0_cite is missing else l_0_cite), 'date'):
        pass
        yield ' ('
        yield escape(environment.getattr((undefined(name='cite') if l_0_cite is missing else l_0_cite), 'date')[:4])
        yield ')'
    yield '. <cite>'
    yield escape(environment.getattr((undefined(name='cite') if l_0_cite is missing else l_0_cite), 'title'))
    yield '</cite>'
    if environment.getattr((undefined(name='cite') if l_0_cite is missing else l_0_cite), 'edition'):
        pass
        yield ', '
        yield escape(environment.getattr((undefined(name='cite') if l_0_cite is missing else l_0_cite), 'edition'))
        yield ' edition'
    yield '.'
    if environment.getattr((undefined(name='cite') if l_0_cite is missing else l_0_cite), 'url'):
        pass
        yield ' '
        yield escape(environment.getattr((undefined(name='cite') if l_0_cite is missing else l_0_cite), 'url'))
    yield '</p>\n'
    template = environment.get_template('_cite_formats.html.j2', 'profile.html.j2')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {}))
    try:
        for event in gen:
            yield event
    finally: gen.close()
    if (not (t_3((undefined(name='standalone') if l_0_standalone is missing else l_0_standalone)) and (undefined(name='standalone') if l_0_standalone is missing else l_0_standalone))):
        pass
        yield '<p>'
        yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Citation metadata for the whole review:', _block_vars=_block_vars))
        yield ' <a href="'
        yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'assets'))
        yield 'CITATION.cff">CITATION.cff</a>.</p>'
    yield '</section>\n'

def block_law_facts(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_facts = resolve('facts')
    l_0__ = resolve('_')
    l_0_illustrative = resolve('illustrative')
    l_0_name = resolve('name')
    l_0_instruments = resolve('instruments')
    l_0_site = resolve('site')
    try:
        t_1 = environment.filters['format']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'format' found.")
    pass
    if (undefined(name='facts') if l_0_facts is missing else l_0_facts):
        pass
        yield '<section aria-labelledby="facts">\n<h2 id="facts">'
        yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Facts', _block_vars=_block_vars))
        yield '</h2>\n'
        if (undefined(name='illustrative') if l_0_illustrative is missing else l_0_illustrative):
            pass
            yield '<p class="note">'
            yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Recorded with the illustrative coding: check each value against the law before citing it.', _block_vars=_block_vars))
            yield '</p>'
        yield '<table class="data facts">\n  <caption>'
        yield escape(t_1(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Facts recorded for %(name)s, with the provisions they rest on', _block_vars=_block_vars), name=(undefined(name='name') if l_0_name is missing else l_0_name)))
        yield '</caption>\n  <thead><tr><th scope="col">'
        yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Fact', _block_vars=_block_vars))
        yield '</th><th scope="col">'
        yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Value', _block_vars=_block_vars))
        yield '</th><th scope="col">'
        yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Provisions cited and note', _block_vars=_block_vars))
        yield '</th></tr></thead>\n  <tbody>\n'
        l_1_loop = missing
        for l_1_f, l_1_loop in LoopContext((undefined(name='facts') if l_0_facts is missing else l_0_facts), undefined):
            _loop_vars = {}
            pass
            yield '    <tr id="fact-'
            yield escape(environment.getattr(l_1_f, 'id'))
            yield '"><th scope="row">'
            if environment.getattr(l_1_f, 'known'):
                pass
                yield '<a href="'
                yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'root'))
                yield 'facts/'
                yield escape(environment.getattr(l_1_f, 'id'))
                yield '.html">'
                yield escape(environment.getattr(l_1_f, 'label'))
                yield '</a>'
            else:
                pass
                yield escape(environment.getattr(l_1_f, 'label'))
            if environment.getattr(l_1_f, 'scope'):
                pass
                yield ' <span class="scope">('
                yield escape(environment.getattr(l_1_f, 'scope'))
                yield ')</span>'
            yield '</th><td class="num">'
            yield escape(environment.getattr(l_1_f, 'value'))
            if (environment.getattr(l_1_f, 'unit') and (environment.getattr(l_1_f, 'value') != 'not known')):
                pass
                yield ' '
                yield escape(environment.getattr(l_1_f, 'unit'))
            yield '</td>\n      <td>'
            l_2_loop = missing
            for l_2_p, l_2_loop in LoopContext(environment.getattr(l_1_f, 'evidence'), undefined):
                _loop_vars = {}
                pass
                yield escape(environment.getattr(l_2_p, 'statute'))
                yield ', section '
                yield escape(environment.getattr(l_2_p, 'section'))
                if (not environment.getattr(l_2_loop, 'last')):
                    pass
                    yield '; '
            l_2_loop = l_2_p = missing
            if environment.getattr(l_1_f, 'note'):
                pass
                yield '<p class="note"><span class="label">Note:</span> '
                yield escape(environment.getattr(l_1_f, 'note'))
                yield '</p>'
            yield '</td></tr>\n'
        l_1_loop = l_1_f = missing
        yield '  </tbody>\n</table>\n</section>\n'
    if (undefined(name='instruments') if l_0_instruments is missing else l_0_instruments):
        pass
        yield '<section aria-labelledby="instruments">\n<h2 id="instruments">'
        yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'International instruments', _block_vars=_block_vars))
        yield '</h2>\n<p class="meta">'
        yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'As this file records them;', _block_vars=_block_vars))
        yield ' <a href="'
        yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'root'))
        yield 'instruments.html">'
        yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), "every country's position, by region", _block_vars=_block_vars))
        yield '</a>.</p>\n<ul class="instruments">\n'
        for l_1_i in (undefined(name='instruments') if l_0_instruments is missing else l_0_instruments):
            _loop_vars = {}
            pass
            yield '  <li id="instrument-'
            yield escape(environment.getattr(l_1_i, 'id'))
            yield '"><abbr title="'
            yield escape(environment.getattr(l_1_i, 'title'))
            yield '">'
            yield escape(environment.getattr(l_1_i, 'short'))
            yield '</abbr>: '
            yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), environment.getattr(l_1_i, 'status_label'), _loop_vars=_loop_vars))
            if environment.getattr(l_1_i, 'date'):
                pass
                yield ', '
                yield escape(environment.getattr(l_1_i, 'date'))
            if environment.getattr(l_1_i, 'source'):
                pass
                yield ' (<a href="'
                yield escape(environment.getattr(l_1_i, 'source'))
                yield '" rel="external noopener">source</a>)'
            if environment.getattr(l_1_i, 'note'):
                pass
                yield '. '
                yield escape(environment.getattr(l_1_i, 'note'))
            yield '</li>\n'
        l_1_i = missing
        yield '</ul>\n</section>\n'

blocks = {'title': block_title, 'main': block_main, 'law_facts': block_law_facts}
debug_info = '1=13&2=16&3=27&4=38&5=79&6=83&7=97&8=102&9=121&11=129&12=131&13=133&15=145&17=150&18=154&19=157&21=172&29=177&30=179&32=182&33=186&37=237&40=240&70=242&71=247&72=249&73=253&74=256&76=261&77=283&78=298&79=304&80=308&81=312&83=318&84=323&85=327&86=335&88=339&90=343&91=371&92=382&93=391&94=398&97=405&98=412&99=417&105=429&106=431&107=433&109=441&110=446&114=460&115=463&116=465&117=467&119=478&120=483&122=500&127=503&129=506&130=508&132=520&133=525&138=555&139=558&141=560&142=565&143=571&147=580&154=585&156=587&157=591&158=595&159=602&160=612&161=623&163=633&164=653&165=659&40=668&41=688&43=691&44=693&46=699&47=701&49=708&50=712&51=739&57=757&59=760&60=762&62=768&63=772'

# Generated by `python3 -m legalreview.render.precompile` from templates/profile.html.j2: do not edit.
